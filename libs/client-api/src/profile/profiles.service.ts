import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppserviceQueries } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  JsonObject,
  JsonValue,
  localpartOf,
  MatrixError,
  MAX_PROFILE_BYTES,
  MAX_PROFILE_KEY_BYTES,
  PROFILE_KEY_NAME,
  tryServerNameOf,
  UserProfile,
} from '@switchboard/protocol';
import { REMOTE_ROOMS, RemoteRooms } from '@switchboard/rooms';
import { AccountsRepository, ProfilesRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { requireSelf } from '../auth/user-access';
import { PROPAGATED_FIELDS, ProfilePropagationService } from './profile-propagation.service';

/**
 * Profiles (client-server-api "Profiles") of local users. A user who never changed their profile
 * has the display name of their localpart. A change of displayname or avatar_url is sent as a new
 * join event into every room the user is joined to, and as a presence update.
 */
@Injectable()
export class ProfilesService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly profiles: ProfilesRepository,
    private readonly accounts: AccountsRepository,
    private readonly propagation: ProfilePropagationService,
    private readonly appservices: AppserviceQueries,
    @Optional() @Inject(REMOTE_ROOMS) private readonly remote?: RemoteRooms,
  ) {}

  /**
   * GET /profile/{userId}: M_NOT_FOUND for a user this server does not have, once the application
   * service whose namespace covers it had the chance to create it (application-service-api
   * "Querying"); others' users are asked of their server.
   */
  async get(userId: string): Promise<UserProfile> {
    const server = tryServerNameOf(userId);
    if (server !== undefined && server !== this.config.server_name && this.remote) {
      return (await this.remote.profile(userId)) as UserProfile;
    }
    let fields = await this.fields(userId);
    if (!fields && server === this.config.server_name && (await this.appservices.userExists(userId))) {
      fields = await this.fields(userId);
    }
    if (!fields) throw new MatrixError('M_NOT_FOUND', 404, 'Profile not found');
    return fields as UserProfile;
  }

  async getField(userId: string, key: string): Promise<JsonObject> {
    checkKey(key);
    const fields = await this.get(userId);
    if (!Object.hasOwn(fields, key))
      throw new MatrixError('M_NOT_FOUND', 404, `Profile field ${key} not found`);
    return { [key]: fields[key] as JsonValue };
  }

  async setField(requester: Requester, userId: string, key: string, body: JsonObject): Promise<void> {
    requireSelf(requester, userId, 'set profile fields');
    checkKey(key);
    if (!Object.hasOwn(body, key)) throw new MatrixError('M_MISSING_PARAM', 400, `Missing parameter: ${key}`);
    const value = body[key];
    if (key === 'displayname' && typeof value !== 'string') throw invalidValue(key, 'a string');
    if (key === 'avatar_url' && (typeof value !== 'string' || !value.startsWith('mxc://'))) {
      throw invalidValue(key, 'an MXC URI');
    }
    await this.update(userId, (fields) => ({ ...fields, [key]: value }));
  }

  /** "The profile field was deleted or it doesn't exist." */
  async deleteField(requester: Requester, userId: string, key: string): Promise<void> {
    requireSelf(requester, userId, 'delete profile fields');
    checkKey(key);
    await this.update(userId, (fields) => {
      const next = { ...fields };
      delete next[key];
      return next;
    });
  }

  /**
   * The displayname and avatar_url to put into an m.room.member event the server sends for a local
   * user ("when homeservers emit room membership events for their own users, they should include
   * the display name and avatar URL fields"); nothing for remote or unknown users.
   */
  async memberContent(userId: string): Promise<{ displayname?: string; avatar_url?: string }> {
    const fields = await this.fields(userId);
    const out: { displayname?: string; avatar_url?: string } = {};
    for (const key of PROPAGATED_FIELDS)
      if (typeof fields?.[key] === 'string') out[key] = fields[key] as string;
    return out;
  }

  /** A local user's profile fields; null for a remote or unknown user. */
  async fields(userId: string): Promise<JsonObject | null> {
    if (tryServerNameOf(userId) !== this.config.server_name) return null;
    const q = this.transactions.reader;
    const stored = await this.profiles.get(q, userId);
    if (stored) return stored;
    return (await this.accounts.find(q, userId)) ? this.initial(userId) : null;
  }

  private async update(userId: string, change: (fields: JsonObject) => JsonObject): Promise<void> {
    if (!(await this.fields(userId))) throw new MatrixError('M_NOT_FOUND', 404, 'Profile not found');
    const { before, after } = await this.transactions.run(async (tx) => {
      const current = await this.profiles.getForUpdate(tx, userId, this.initial(userId));
      const next = change(current);
      if (Buffer.byteLength(JSON.stringify(next), 'utf8') >= MAX_PROFILE_BYTES) {
        throw new MatrixError('M_PROFILE_TOO_LARGE', 400, 'The profile would exceed 64 KiB');
      }
      await this.profiles.put(tx, userId, next);
      return { before: current, after: next };
    });
    if (PROPAGATED_FIELDS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))) {
      await this.propagation.propagate(userId, after);
    }
  }

  private initial(userId: string): JsonObject {
    return { displayname: localpartOf(userId) };
  }
}

/** M_KEY_TOO_LARGE past 255 bytes, M_INVALID_PARAM outside the keyName grammar. */
function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_PROFILE_KEY_BYTES) {
    throw new MatrixError(
      'M_KEY_TOO_LARGE',
      400,
      `Profile keys may not exceed ${MAX_PROFILE_KEY_BYTES} bytes`,
    );
  }
  if (!PROFILE_KEY_NAME.test(key)) throw new MatrixError('M_INVALID_PARAM', 400, 'Invalid profile key.');
}

function invalidValue(key: string, expected: string): MatrixError {
  return new MatrixError('M_INVALID_PARAM', 400, `Parameter ${key} must be ${expected}`);
}
