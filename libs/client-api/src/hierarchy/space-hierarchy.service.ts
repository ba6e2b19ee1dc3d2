import { Injectable } from '@nestjs/common';
import {
  childVia,
  isSuggestedChild,
  MatrixError,
  parseRoomId,
  SpaceHierarchyResponse,
  SpaceHierarchyRoom,
  tryServerNameOf,
} from '@switchboard/protocol';
import { Requester } from '../auth/requester';
import { decodeHierarchyToken, encodeHierarchyToken } from './hierarchy-token';
import { RoomPreviews } from './room-previews.service';
import { userMayPreview } from './user-may-preview';

export interface HierarchyQuery {
  suggestedOnly: boolean;
  limit?: number;
  maxDepth?: number;
  from?: string;
}

/** "Servers should apply a default value, and impose a maximum value to avoid resource exhaustion." */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const MAX_DEPTH = 50;
/** Rooms looked at in one walk, shown or not: a bound on the work of one request. */
const MAX_ROOMS_VISITED = 1000;

interface Pending {
  roomId: string;
  depth: number;
  via: readonly string[];
}

/**
 * client-server-api GET /hierarchy: "Paginates over the space tree in a depth-first manner".
 * Each page walks the tree again from the root and skips the rooms earlier pages gave, so a page
 * needs no server-side session; loops are broken by visiting each room once ("Servers should
 * gracefully break loops").
 */
@Injectable()
export class SpaceHierarchyService {
  constructor(private readonly previews: RoomPreviews) {}

  async hierarchy(
    requester: Requester,
    roomId: string,
    query: HierarchyQuery,
  ): Promise<SpaceHierarchyResponse> {
    parseRoomId(roomId);
    const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    let maxDepth = Math.min(query.maxDepth ?? MAX_DEPTH, MAX_DEPTH);
    let offset = 0;
    if (query.from !== undefined) {
      const position = decodeHierarchyToken(query.from);
      if (position.root !== roomId) throw new MatrixError('M_INVALID_PARAM', 400, 'Unknown pagination token');
      if (
        position.suggestedOnly !== query.suggestedOnly ||
        (query.maxDepth !== undefined && position.maxDepth !== maxDepth)
      ) {
        throw new MatrixError(
          'M_INVALID_PARAM',
          400,
          'suggested_only and max_depth cannot change on paginated requests',
        );
      }
      maxDepth = position.maxDepth;
      offset = position.offset;
    }

    const session = this.previews.session(query.suggestedOnly);
    const joined = await this.previews.joinedRooms(requester.userId);
    const visible = async (room: SpaceHierarchyRoom): Promise<boolean> =>
      userMayPreview(room, await this.previews.membership(room.room_id, requester.userId), joined);

    const rootServer = tryServerNameOf(roomId);
    const root = await session.preview(roomId, rootServer ? [rootServer] : []);
    if (!root || !(await visible(root.room))) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You are not allowed to view this room.');
    }

    const rooms: SpaceHierarchyRoom[] = [];
    const seen = new Set<string>();
    const stack: Pending[] = [{ roomId, depth: 0, via: [] }];
    let shown = 0;
    while (stack.length > 0 && seen.size < MAX_ROOMS_VISITED && rooms.length <= limit) {
      const next = stack.pop()!;
      if (seen.has(next.roomId)) continue;
      seen.add(next.roomId);
      const preview = await session.preview(next.roomId, next.via);
      if (!preview || preview.inaccessibleChildren.includes(next.roomId) || !(await visible(preview.room)))
        continue;
      if (shown >= offset) rooms.push(preview.room);
      shown += 1;
      if (next.depth >= maxDepth) continue;
      const children = preview.room.children_state.filter((c) => !query.suggestedOnly || isSuggestedChild(c));
      // Reversed onto the stack, so that the first child in the spec's order is walked first.
      for (const child of [...children].reverse()) {
        if (!seen.has(child.state_key) && !preview.inaccessibleChildren.includes(child.state_key)) {
          stack.push({ roomId: child.state_key, depth: next.depth + 1, via: childVia(child) });
        }
      }
    }

    const response: SpaceHierarchyResponse = { rooms: rooms.slice(0, limit) };
    if (rooms.length > limit) {
      response.next_batch = encodeHierarchyToken({
        root: roomId,
        suggestedOnly: query.suggestedOnly,
        maxDepth,
        offset: offset + limit,
      });
    }
    return response;
  }
}
