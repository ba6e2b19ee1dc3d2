import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import {
  RoomKeysRepository,
  RoomKeysVersionRow,
  RoomKeysVersionsRepository,
  Transactions,
} from '@switchboard/storage';
import { parseBackupVersion, unknownBackupVersion } from './backup-version';

/** The answer of GET /room_keys/version[/{version}]. */
export interface BackupVersionInfo {
  algorithm: string;
  auth_data: unknown;
  count: number;
  etag: string;
  version: string;
}

/**
 * Backup versions (client-server-api "Server-side key backups"). "Backups are per-user, and users
 * may replace backups with new backups": the newest version not deleted is the current one.
 */
@Injectable()
export class KeyBackupVersionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly versions: RoomKeysVersionsRepository,
    private readonly keys: RoomKeysRepository,
  ) {}

  async create(userId: string, algorithm: string, authData: unknown): Promise<string> {
    const version = await this.transactions.run((tx) =>
      this.versions.create(tx, userId, algorithm, authData),
    );
    return String(version);
  }

  async current(userId: string): Promise<BackupVersionInfo> {
    const row = await this.versions.current(this.transactions.reader, userId);
    if (!row) throw new MatrixError('M_NOT_FOUND', 404, 'No current backup version');
    return this.info(userId, row);
  }

  async get(userId: string, version: string): Promise<BackupVersionInfo> {
    return this.info(userId, await this.existing(userId, version));
  }

  /** "Only `auth_data` can be modified"; a different algorithm or body version is M_INVALID_PARAM. */
  async update(
    userId: string,
    version: string,
    change: { algorithm: string; authData: unknown; version?: string },
  ): Promise<void> {
    if (change.version !== undefined && change.version !== version)
      throw new MatrixError('M_INVALID_PARAM', 400, 'Version in body does not match');
    const row = await this.existing(userId, version);
    if (change.algorithm !== row.algorithm)
      throw new MatrixError('M_INVALID_PARAM', 400, 'Algorithm does not match');
    await this.versions.setAuthData(this.transactions.reader, userId, row.version, change.authData);
  }

  /** "If the backup was previously deleted, the call should succeed rather than returning an error." */
  async delete(userId: string, version: string): Promise<void> {
    const number = parseBackupVersion(version);
    await this.transactions.run(async (tx) => {
      const row = await this.versions.get(tx, userId, number, { forUpdate: true });
      if (!row) throw unknownBackupVersion();
      if (!row.deleted) await this.versions.delete(tx, userId, number);
    });
  }

  private async existing(userId: string, version: string): Promise<RoomKeysVersionRow> {
    const row = await this.versions.get(this.transactions.reader, userId, parseBackupVersion(version));
    if (!row || row.deleted) throw unknownBackupVersion();
    return row;
  }

  private async info(userId: string, row: RoomKeysVersionRow): Promise<BackupVersionInfo> {
    return {
      algorithm: row.algorithm,
      auth_data: row.authData,
      count: await this.keys.count(this.transactions.reader, userId, row.version),
      etag: String(row.etag),
      version: String(row.version),
    };
  }
}
