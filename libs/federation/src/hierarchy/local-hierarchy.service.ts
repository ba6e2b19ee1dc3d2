import { Injectable } from '@nestjs/common';
import {
  FederationHierarchyResponse,
  isSuggestedChild,
  MatrixError,
  RoomSummary,
  roomSummary,
  SpaceHierarchyRoom,
  spaceChildren,
} from '@switchboard/protocol';
import { MembershipTemplates, RoomStateQuery } from '@switchboard/rooms';
import { serverMayPreview } from './server-may-preview';

/**
 * server-server-api GET /hierarchy/{roomId} as the server of the space: the space and its
 * children this server is in, one level deep ("this endpoint does not paginate").
 */
@Injectable()
export class LocalHierarchy {
  constructor(
    private readonly rooms: RoomStateQuery,
    private readonly residency: MembershipTemplates,
  ) {}

  async hierarchy(
    origin: string,
    roomId: string,
    suggestedOnly: boolean,
  ): Promise<FederationHierarchyResponse> {
    const room = await this.describe(origin, roomId);
    // "The room is not known to the server or the requesting server is unable to peek/join it."
    if (room === undefined || room === 'inaccessible') {
      throw new MatrixError('M_NOT_FOUND', 404, 'Room does not exist.');
    }
    const children: RoomSummary[] = [];
    const inaccessible: string[] = [];
    for (const child of room.children_state) {
      if (suggestedOnly && !isSuggestedChild(child)) continue;
      const described = await this.describe(origin, child.state_key);
      // "Rooms which the responding server cannot provide details on will be outright excluded."
      if (described === 'inaccessible') inaccessible.push(child.state_key);
      else if (described !== undefined) children.push(described);
    }
    return { room, children, inaccessible_children: inaccessible };
  }

  private async describe(
    origin: string,
    roomId: string,
  ): Promise<SpaceHierarchyRoom | 'inaccessible' | undefined> {
    if (!(await this.rooms.exists(roomId)) || !(await this.residency.isResident(roomId))) return undefined;
    const version = await this.rooms.version(roomId);
    const state = await this.rooms.current(roomId);
    const summary = roomSummary(roomId, version, state);
    if (!serverMayPreview(summary, version, state, origin)) return 'inaccessible';
    // "If the room is not a space-room, this should be empty."
    return { ...summary, children_state: summary.room_type === 'm.space' ? spaceChildren(state) : [] };
  }
}
