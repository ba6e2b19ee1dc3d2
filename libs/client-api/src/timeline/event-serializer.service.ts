import { Injectable } from '@nestjs/common';
import { filterEventFormat, Filter, JsonObject, projectEventFields } from '@switchboard/protocol';
import { ClientEvents } from '@switchboard/rooms';
import { EventRow } from '@switchboard/storage';
import { BundledAggregations } from '../relations/bundled-aggregations.service';

export interface SerializeOptions {
  /** /sync's events are ClientEventWithoutRoomID: the room is the key they are listed under. */
  withoutRoomId?: boolean;
  /** Bundled aggregations (unsigned["m.relations"]) are added unless this is false. */
  bundleAggregations?: boolean;
}

/** Stored events as a filter asks for them: `event_format` and `event_fields` applied. */
@Injectable()
export class EventSerializer {
  constructor(
    private readonly clientEvents: ClientEvents,
    private readonly aggregations: BundledAggregations,
  ) {}

  async serialize(
    rows: readonly EventRow[],
    viewer: { userId: string; deviceId?: string },
    filter: Filter | undefined,
    options: SerializeOptions = {},
  ): Promise<JsonObject[]> {
    if (filterEventFormat(filter) === 'federation') {
      // The PDU as federation carries it, plus its ID, which room versions 3+ leave out of the
      // PDU: a client has no other way to refer to the event (Synapse adds it too).
      return rows.map((row) =>
        projectEventFields(
          { ...(row.pdu as unknown as JsonObject), event_id: row.eventId },
          filter?.event_fields,
        ),
      );
    }
    const events = await this.clientEvents.serialize(rows, viewer);
    if (options.bundleAggregations !== false) await this.aggregations.bundle(rows, events, viewer);
    return events.map((event) => {
      const json = { ...(event as unknown as JsonObject) };
      if (options.withoutRoomId) delete json.room_id;
      return projectEventFields(json, filter?.event_fields);
    });
  }
}
