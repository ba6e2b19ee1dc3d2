import { MatrixError } from '@switchboard/protocol';

/**
 * A backup version of a request as the number it stands for; versions are handed out as "1",
 * "2", ..., so anything else names no backup (404, as the spec answers an unknown version).
 */
export function parseBackupVersion(version: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(version)) throw unknownBackupVersion();
  return Number(version);
}

export function unknownBackupVersion(): MatrixError {
  return new MatrixError('M_NOT_FOUND', 404, 'Unknown backup version');
}
