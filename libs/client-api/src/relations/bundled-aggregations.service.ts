import { Injectable } from '@nestjs/common';
import { ClientEvent, JsonObject, relationOf } from '@switchboard/protocol';
import { ClientEvents, Viewer } from '@switchboard/rooms';
import {
  AggregationRow,
  EventRow,
  EventsRepository,
  RelationsRepository,
  Transactions,
} from '@switchboard/storage';
import { IgnoredUsers } from '../account_data/ignored-users';

/**
 * client-server-api "Aggregations of child events": adds `unsigned["m.relations"]` to the events of
 * a page, with one query for the summaries of every event in it (plus one to load the events the
 * summaries carry). "State events do not currently receive bundled aggregations."
 */
@Injectable()
export class BundledAggregations {
  constructor(
    private readonly transactions: Transactions,
    private readonly relations: RelationsRepository,
    private readonly events: EventsRepository,
    private readonly clientEvents: ClientEvents,
    private readonly ignoredUsers: IgnoredUsers,
  ) {}

  /** `events[i]` is `rows[i]` as served; each gets its bundle in place. */
  async bundle(rows: readonly EventRow[], events: readonly ClientEvent[], viewer: Viewer): Promise<void> {
    await this.bundleLevel(rows, events, viewer, true);
  }

  private async bundleLevel(
    rows: readonly EventRow[],
    events: readonly ClientEvent[],
    viewer: Viewer,
    withThreads: boolean,
  ): Promise<void> {
    const parents = rows
      .filter((row) => row.stateKey === null)
      .map((row) => ({
        eventId: row.eventId,
        sender: row.sender,
        type: row.type,
        // "If the original event is redacted, any m.replace relationship should not be bundled
        // with it", and "The original event must not, itself, have a rel_type of m.replace".
        editable: row.redactedBy === null && relationOf(row.pdu)?.relType !== 'm.replace',
      }));
    if (parents.length === 0) return;
    const ignored = [...(await this.ignoredUsers.of(viewer.userId))];
    const summaries = (
      await this.relations.aggregations(this.transactions.reader, parents, viewer.userId, ignored)
    ).filter((s) => withThreads || s.relType !== 'm.thread');
    if (summaries.length === 0) return;
    const carried = await this.carriedEvents(summaries, viewer);
    const senders = new Map(rows.map((row) => [row.eventId, row.sender]));
    const bundles = new Map<string, JsonObject>();
    for (const summary of summaries) {
      const aggregation = toAggregation(summary, carried, senders.get(summary.parentId) === viewer.userId);
      if (!aggregation) continue;
      const bundle = bundles.get(summary.parentId) ?? {};
      bundle[summary.relType] = aggregation;
      bundles.set(summary.parentId, bundle);
    }
    for (const event of events) {
      const bundle = bundles.get(event.event_id);
      if (bundle) event.unsigned = { ...event.unsigned, 'm.relations': bundle };
    }
  }

  /**
   * The newest edits and thread replies, served. "Child events of the latest_event should
   * themselves be aggregated": one level down, where no thread can start ("not possible to create
   * a thread from an event which itself is the child of an event relationship").
   */
  private async carriedEvents(
    summaries: readonly AggregationRow[],
    viewer: Viewer,
  ): Promise<Map<string, JsonObject>> {
    const ids = summaries.filter((s) => s.relType !== 'm.reference').map((s) => s.eventIds[0]);
    const loaded = await this.events.getMany(this.transactions.reader, ids);
    const rows = ids.map((id) => loaded.get(id)).filter((row): row is EventRow => row !== undefined);
    const served = await this.clientEvents.serialize(rows, viewer);
    const latest = new Set(summaries.filter((s) => s.relType === 'm.thread').map((s) => s.eventIds[0]));
    const threadIdx = rows.flatMap((row, i) => (latest.has(row.eventId) ? [i] : []));
    await this.bundleLevel(
      threadIdx.map((i) => rows[i]),
      threadIdx.map((i) => served[i]),
      viewer,
      false,
    );
    return new Map(served.map((event) => [event.event_id, event as unknown as JsonObject]));
  }
}

function toAggregation(
  summary: AggregationRow,
  carried: ReadonlyMap<string, JsonObject>,
  viewerSentParent: boolean,
): JsonObject | undefined {
  switch (summary.relType) {
    case 'm.replace':
      return carried.get(summary.eventIds[0]);
    case 'm.reference':
      return { chunk: summary.eventIds.map((eventId) => ({ event_id: eventId })) };
    case 'm.thread': {
      const latest = carried.get(summary.eventIds[0]);
      if (!latest) return undefined;
      // "current_user_participated is true when the authenticated user is either the sender of
      // the thread root event, or the sender of an event which references the thread root".
      return {
        latest_event: latest,
        count: summary.count,
        current_user_participated: summary.participated || viewerSentParent,
      };
    }
  }
}
