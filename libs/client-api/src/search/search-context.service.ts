import { Injectable } from '@nestjs/common';
import { JsonObject, SearchResultContext, splitStateKey } from '@switchboard/protocol';
import { EventRow, EventsRepository, Transactions } from '@switchboard/storage';
import { EventSerializer } from '../timeline/event-serializer.service';
import { encodePaginationToken } from '../timeline/pagination-token';
import { ROOM_START, RoomStateAt } from '../timeline/room-state-at.service';
import { TimelineScanner } from '../timeline/timeline-scan.service';
import { EventContextRequest } from './search-request';

interface Viewer {
  userId: string;
  deviceId: string;
}

/** A search result's `context`: the events around it as the user may see them, and who sent them. */
@Injectable()
export class SearchContext {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly scanner: TimelineScanner,
    private readonly stateAt: RoomStateAt,
    private readonly serializer: EventSerializer,
  ) {}

  async around(viewer: Viewer, event: EventRow, request: EventContextRequest): Promise<SearchResultContext> {
    const position = event.streamOrdering!;
    const latest = await this.events.maxStreamOrdering(this.transactions.reader);
    const before = await this.scanner.scan(
      viewer.userId,
      event.roomId,
      { after: ROOM_START, upTo: position - 1 },
      'b',
      request.beforeLimit,
    );
    const after = await this.scanner.scan(
      viewer.userId,
      event.roomId,
      { after: position, upTo: latest },
      'f',
      request.afterLimit,
    );
    const oldest = before.rows[before.rows.length - 1];
    const newest = after.rows[after.rows.length - 1] ?? event;
    const context: SearchResultContext = {
      start: encodePaginationToken(before.next ?? (oldest ? oldest.streamOrdering! - 1 : position - 1)),
      end: encodePaginationToken(after.next ?? newest.streamOrdering!),
      events_before: await this.serializer.serialize(before.rows, viewer, undefined),
      events_after: await this.serializer.serialize(after.rows, viewer, undefined),
    };
    if (request.includeProfile) {
      const senders = new Set([event, ...before.rows, ...after.rows].map((row) => row.sender));
      context.profile_info = await this.profiles(event, senders);
    }
    return context;
  }

  /** "The historic profile information of the users that sent the events returned": their member events at the result. */
  private async profiles(
    event: EventRow,
    senders: ReadonlySet<string>,
  ): Promise<Record<string, { displayname?: string; avatar_url?: string }>> {
    const state = await this.stateAt.at(event.roomId, event.streamOrdering!);
    const memberIds = [...state].flatMap(([key, id]) => {
      const [type, userId] = splitStateKey(key);
      return type === 'm.room.member' && senders.has(userId) ? [id] : [];
    });
    const members = await this.events.getMany(this.transactions.reader, memberIds);
    const out: Record<string, { displayname?: string; avatar_url?: string }> = {};
    for (const member of members.values()) {
      const content: JsonObject = member.redactedBy ? {} : member.pdu.content;
      const profile: { displayname?: string; avatar_url?: string } = {};
      if (typeof content.displayname === 'string') profile.displayname = content.displayname;
      if (typeof content.avatar_url === 'string') profile.avatar_url = content.avatar_url;
      out[member.stateKey!] = profile;
    }
    return out;
  }
}
