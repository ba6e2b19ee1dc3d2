import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  FederationHierarchyResponse,
  RoomSummary,
  roomSummary,
  SpaceHierarchyRoom,
  spaceChildren,
} from '@switchboard/protocol';
import { MembershipTemplates, REMOTE_HIERARCHY, RemoteHierarchy, RoomStateQuery } from '@switchboard/rooms';
import { MembershipsRepository, Transactions } from '@switchboard/storage';

/** A room as /hierarchy and /room_summary describe it, and where the description came from. */
export interface RoomPreview {
  room: SpaceHierarchyRoom;
  /** The space's children as the remote server summarised them (for a room this server is not in). */
  remoteChildren: RoomSummary[];
  /** Children the remote server said the requesting server cannot see. */
  inaccessibleChildren: string[];
}

/**
 * Summaries of rooms: from current state for a room this server is in (space_hierarchy "the
 * local data should be used instead of the remote server's data"), else from the federation's
 * GET /hierarchy on the given servers. One instance per walk: remote answers are kept (the
 * modules/spaces "Server behaviour": "The response to this endpoint should be cached"), and a
 * remote space's children are known from its parent's answer without asking again.
 */
@Injectable()
export class RoomPreviews {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomStateQuery,
    private readonly residency: MembershipTemplates,
    private readonly memberships: MembershipsRepository,
    @Optional() @Inject(REMOTE_HIERARCHY) private readonly remote?: RemoteHierarchy,
  ) {}

  /** The rooms the user is joined to: a restricted room's allowed_room_ids are checked against them. */
  async joinedRooms(userId: string): Promise<Set<string>> {
    const rows = await this.memberships.forUser(this.transactions.reader, userId, ['join']);
    return new Set(rows.map((r) => r.roomId));
  }

  async membership(roomId: string, userId: string): Promise<string | undefined> {
    return (await this.rooms.membership(roomId, userId))?.membership;
  }

  /** A walk's cache of remote answers; `local` first, then the remote servers. */
  session(suggestedOnly: boolean): PreviewSession {
    return new PreviewSession(this, suggestedOnly);
  }

  async local(roomId: string): Promise<SpaceHierarchyRoom | undefined> {
    if (!(await this.rooms.exists(roomId)) || !(await this.residency.isResident(roomId))) return undefined;
    const state = await this.rooms.current(roomId);
    const summary = roomSummary(roomId, await this.rooms.version(roomId), state);
    // "If the room is not a space-room, this should be empty."
    const children = summary.room_type === 'm.space' ? spaceChildren(state) : [];
    return { ...summary, children_state: children };
  }

  async fetchRemote(
    roomId: string,
    servers: readonly string[],
    suggestedOnly: boolean,
  ): Promise<FederationHierarchyResponse | null> {
    if (!this.remote || servers.length === 0) return null;
    return this.remote.hierarchy(roomId, servers, suggestedOnly);
  }
}

export class PreviewSession {
  private readonly answers = new Map<string, RoomPreview | null>();
  /** Summaries of children from a remote parent's answer, by room ID. */
  private readonly childSummaries = new Map<string, RoomSummary>();

  constructor(
    private readonly previews: RoomPreviews,
    private readonly suggestedOnly: boolean,
  ) {}

  /** The room's preview, or undefined when neither this server nor any of `via` can describe it. */
  async preview(roomId: string, via: readonly string[]): Promise<RoomPreview | undefined> {
    if (this.answers.has(roomId)) return this.answers.get(roomId) ?? undefined;
    const local = await this.previews.local(roomId);
    let answer: RoomPreview | null = local
      ? { room: local, remoteChildren: [], inaccessibleChildren: [] }
      : null;
    if (!answer) answer = await this.remotePreview(roomId, via);
    this.answers.set(roomId, answer);
    return answer ?? undefined;
  }

  private async remotePreview(roomId: string, via: readonly string[]): Promise<RoomPreview | null> {
    const known = this.childSummaries.get(roomId);
    // A non-space child's summary from its parent's answer is all there is to know of it.
    if (known && known.room_type !== 'm.space') {
      return { room: { ...known, children_state: [] }, remoteChildren: [], inaccessibleChildren: [] };
    }
    const fetched = await this.previews.fetchRemote(roomId, via, this.suggestedOnly);
    if (!fetched || fetched.room.room_id !== roomId) {
      return known
        ? { room: { ...known, children_state: [] }, remoteChildren: [], inaccessibleChildren: [] }
        : null;
    }
    for (const child of fetched.children) this.childSummaries.set(child.room_id, child);
    return {
      room: fetched.room,
      remoteChildren: fetched.children,
      inaccessibleChildren: fetched.inaccessible_children,
    };
  }
}
