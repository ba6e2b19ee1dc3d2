import { JsonObject } from '@switchboard/protocol';

/** GET /_matrix/federation/v1/query/directory's answer. */
export interface ResolvedAlias {
  room_id: string;
  servers: string[];
}

/** What /publicRooms passes on for another server's directory (server-server-api "Public Room Directory"). */
export interface RemotePublicRoomsQuery {
  limit?: number;
  since?: string;
  filter?: JsonObject;
  include_all_networks?: boolean;
  third_party_instance_id?: string;
}

/**
 * What the client-server API needs from other servers for rooms it is not in, implemented by
 * libs/federation (which client-api must not import). Errors of the remote server come through
 * as MatrixError with its errcode and status.
 */
export interface RemoteRooms {
  /**
   * server-server-api "Joining Rooms": make_join and send_join through the first of `servers`
   * that answers, then the room is ours. `content`: the member event's content besides membership.
   */
  join(roomId: string, userId: string, servers: readonly string[], content: JsonObject): Promise<void>;
  /** "Knocking upon a room": make_knock and send_knock through the first of `servers` that answers. */
  knock(roomId: string, userId: string, servers: readonly string[], content: JsonObject): Promise<void>;
  /** "Inviting to a room": the invitee's server signs the invite before the room gets it. */
  invite(roomId: string, sender: string, invitee: string, content: JsonObject): Promise<void>;
  /** "Leaving Rooms (Rejecting Invites)": make_leave and send_leave through the inviting server. */
  rejectInvite(roomId: string, userId: string, content: JsonObject): Promise<void>;
  /** GET /query/directory on the alias's server; M_NOT_FOUND when it has no such alias. */
  resolveAlias(alias: string): Promise<ResolvedAlias>;
  /** GET /query/profile on the user's server, one field or all. */
  profile(userId: string, field?: string): Promise<JsonObject>;
  /** GET or POST /publicRooms of `server`. */
  publicRooms(server: string, query: RemotePublicRoomsQuery): Promise<JsonObject>;
}

export const REMOTE_ROOMS = Symbol('REMOTE_ROOMS');

/** This server's published room directory, as /publicRooms lists it; implemented by client-api. */
export interface LocalPublicRooms {
  list(query: {
    limit?: number;
    since?: string;
    genericSearchTerm?: string;
    roomTypes?: (string | null)[];
  }): Promise<object>;
}

export const LOCAL_PUBLIC_ROOMS = Symbol('LOCAL_PUBLIC_ROOMS');
