import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, localpartOf, MatrixError, parseRoomAlias, tryServerNameOf } from '@switchboard/protocol';
import { LOCAL_PUBLIC_ROOMS, LocalPublicRooms, ResolvedAlias } from '@switchboard/rooms';
import {
  AccountsRepository,
  MembershipsRepository,
  ProfilesRepository,
  RoomAliasesRepository,
  Transactions,
} from '@switchboard/storage';

/** What other servers may ask of this one (server-server-api "Querying for information", "Public Room Directory"). */
@Injectable()
export class LocalQueries {
  private publicRoomList?: LocalPublicRooms;

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly aliases: RoomAliasesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly profiles: ProfilesRepository,
    private readonly accounts: AccountsRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** "servers: An array of server names that are likely to hold the given room", this one first. */
  async directory(alias: string): Promise<ResolvedAlias> {
    let serverName: string;
    try {
      serverName = parseRoomAlias(alias).serverName;
    } catch {
      throw new MatrixError('M_INVALID_PARAM', 400, `${alias} is not a room alias`);
    }
    const row =
      serverName === this.config.server_name ? await this.aliases.get(this.transactions.reader, alias) : null;
    if (!row) throw new MatrixError('M_NOT_FOUND', 404, `Room alias ${alias} not found.`);
    const joined = await this.memberships.inRoom(this.transactions.reader, row.roomId, ['join']);
    const others = joined
      .map((m) => tryServerNameOf(m.userId))
      .filter((s): s is string => typeof s === 'string');
    return { room_id: row.roomId, servers: [...new Set([this.config.server_name, ...others])] };
  }

  /** A local user's displayname and avatar_url; "the user does not exist": 404 M_NOT_FOUND. */
  async profile(userId: string, field: 'displayname' | 'avatar_url' | undefined): Promise<JsonObject> {
    const q = this.transactions.reader;
    const local = tryServerNameOf(userId) === this.config.server_name;
    const account = local ? await this.accounts.find(q, userId) : null;
    if (!account) throw new MatrixError('M_NOT_FOUND', 404, 'Profile was not found');
    // A profile never changed has the display name of the localpart, as the client API shows it.
    const fields = (await this.profiles.get(q, userId)) ?? { displayname: localpartOf(userId) };
    const out: JsonObject = {};
    for (const key of field ? [field] : (['displayname', 'avatar_url'] as const)) {
      if (fields[key] !== undefined) out[key] = fields[key];
    }
    return out;
  }

  /** This server's published directory, as its own clients list it. */
  publicRooms(query: Parameters<LocalPublicRooms['list']>[0]): Promise<object> {
    // Resolved on first use: the directory is client-api's, which this module must not import.
    this.publicRoomList ??= this.moduleRef.get<LocalPublicRooms>(LOCAL_PUBLIC_ROOMS, { strict: false });
    return this.publicRoomList.list(query);
  }
}
