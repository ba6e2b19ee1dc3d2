import { Injectable } from '@nestjs/common';
import { KeyBackupData, MatrixError, RoomKeysUpdateResponse } from '@switchboard/protocol';
import {
  RoomKeyRow,
  RoomKeysRepository,
  RoomKeysScope,
  RoomKeysVersionsRepository,
  Transactions,
  Tx,
} from '@switchboard/storage';
import { parseBackupVersion, unknownBackupVersion } from './backup-version';
import { replacesRoomKey } from './replaces-room-key';

/** The keys of a backup, by scope: GET /room_keys/keys, .../{roomId} and .../{roomId}/{sessionId}. */
export type RoomKeysAnswer =
  | { rooms: Record<string, { sessions: Record<string, KeyBackupData> }> }
  | { sessions: Record<string, KeyBackupData> }
  | KeyBackupData;

/**
 * The keys of server-side key backups. "Keys can only be written to the most recently created
 * version of the backup"; writes and deletes to a version happen one at a time (its row is
 * locked), and every one moves its etag on.
 */
@Injectable()
export class RoomKeysService {
  constructor(
    private readonly transactions: Transactions,
    private readonly versions: RoomKeysVersionsRepository,
    private readonly keys: RoomKeysRepository,
  ) {}

  async get(userId: string, version: string, scope: RoomKeysScope): Promise<RoomKeysAnswer> {
    const number = parseBackupVersion(version);
    const row = await this.versions.get(this.transactions.reader, userId, number);
    if (!row || row.deleted) throw unknownBackupVersion();
    const found = await this.keys.list(this.transactions.reader, userId, number, scope);
    if (scope.sessionId !== undefined) {
      if (found.length === 0) throw new MatrixError('M_NOT_FOUND', 404, 'Key not found.');
      return keyBackupData(found[0]);
    }
    if (scope.roomId !== undefined) return { sessions: sessionsOf(found) };
    const rooms: Record<string, { sessions: Record<string, KeyBackupData> }> = {};
    for (const key of found)
      (rooms[key.roomId] ??= { sessions: {} }).sessions[key.sessionId] = keyBackupData(key);
    return { rooms };
  }

  /**
   * Stores the uploaded keys that replace what is stored. A version that is not the current one
   * is M_WRONG_ROOM_KEYS_VERSION naming the current one when it exists, else M_NOT_FOUND.
   */
  async put(
    userId: string,
    version: string,
    uploaded: readonly RoomKeyRow[],
  ): Promise<RoomKeysUpdateResponse> {
    return this.transactions.run(async (tx) => {
      const number = await this.lockCurrent(tx, userId, version);
      const stored = new Map(
        (await this.keys.find(tx, userId, number, uploaded)).map((k) => [sessionKey(k), k]),
      );
      const better = uploaded.filter((k) => replacesRoomKey(stored.get(sessionKey(k)), k));
      await this.keys.upsert(tx, userId, number, better);
      return this.updated(tx, userId, number, better.length > 0);
    });
  }

  async delete(userId: string, version: string, scope: RoomKeysScope): Promise<RoomKeysUpdateResponse> {
    const number = parseBackupVersion(version);
    return this.transactions.run(async (tx) => {
      const row = await this.versions.get(tx, userId, number, { forUpdate: true });
      if (!row || row.deleted) throw unknownBackupVersion();
      await this.keys.delete(tx, userId, number, scope);
      return this.updated(tx, userId, number, true);
    });
  }

  /** The current version, locked until commit, if `version` names it. */
  private async lockCurrent(tx: Tx, userId: string, version: string): Promise<number> {
    const number = parseBackupVersion(version);
    const current = await this.versions.current(tx, userId);
    if (current && current.version !== number) {
      const requested = await this.versions.get(tx, userId, number);
      if (!requested || requested.deleted) throw unknownBackupVersion();
      throw new MatrixError('M_WRONG_ROOM_KEYS_VERSION', 403, 'Wrong backup version.', {
        current_version: String(current.version),
      });
    }
    const locked = await this.versions.get(tx, userId, number, { forUpdate: true });
    if (!locked || locked.deleted) throw unknownBackupVersion();
    return number;
  }

  private async updated(
    tx: Tx,
    userId: string,
    version: number,
    changed: boolean,
  ): Promise<RoomKeysUpdateResponse> {
    const etag = changed
      ? await this.versions.bumpEtag(tx, userId, version)
      : ((await this.versions.get(tx, userId, version))?.etag ?? 0);
    return { etag: String(etag), count: await this.keys.count(tx, userId, version) };
  }
}

function sessionKey(key: Pick<RoomKeyRow, 'roomId' | 'sessionId'>): string {
  return `${key.roomId.length}:${key.roomId}${key.sessionId}`;
}

function sessionsOf(keys: readonly RoomKeyRow[]): Record<string, KeyBackupData> {
  return Object.fromEntries(keys.map((k) => [k.sessionId, keyBackupData(k)]));
}

function keyBackupData(key: RoomKeyRow): KeyBackupData {
  return {
    first_message_index: key.firstMessageIndex,
    forwarded_count: key.forwardedCount,
    is_verified: key.isVerified,
    session_data: key.sessionData,
  };
}
