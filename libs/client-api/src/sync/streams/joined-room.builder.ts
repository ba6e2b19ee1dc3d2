import { Injectable } from '@nestjs/common';
import { SyncRequest, SyncResponseBuilder } from '../sync-stream';
import { RoomSummaryBuilder } from './room-summary.builder';
import { RoomTimelineBuilder, RoomWindow } from './room-timeline.builder';

/** One entry of rooms.join: timeline, state, and the summary when it may have changed. */
@Injectable()
export class JoinedRoomBuilder {
  constructor(
    private readonly timelines: RoomTimelineBuilder,
    private readonly summaries: RoomSummaryBuilder,
  ) {}

  async build(
    req: SyncRequest,
    out: SyncResponseBuilder,
    window: RoomWindow,
    withSummary: boolean,
  ): Promise<void> {
    const sections = await this.timelines.build(req, window);
    if (!sections) return;
    const room = out.joinedRoom(window.roomId);
    room.timeline = sections.timeline;
    room[sections.stateField] = sections.state;
    // Present even when empty, as Synapse sends them: clients and SyTest look for the keys.
    room.ephemeral ??= { events: [] };
    room.account_data ??= { events: [] };
    if (withSummary || sections.membersChanged)
      room.summary = { ...(await this.summaries.build(window.roomId, req.userId, window.upTo)) };
  }
}
