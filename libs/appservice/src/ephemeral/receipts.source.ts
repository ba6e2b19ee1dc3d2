import { Injectable } from '@nestjs/common';
import { receiptEvent } from '@switchboard/protocol';
import {
  AppserviceEphemeralRepository,
  AppserviceOutboxEntry,
  Queryable,
  ReceiptRow,
  ReceiptsRepository,
} from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';
import { EphemeralSource } from './ephemeral-source';
import { RECEIPTS_STREAM } from './ephemeral-streams';

/**
 * Read receipts of rooms that interest a service, as /sync gives them plus their room: one
 * m.receipt per room and batch (application-service-api "Pushing ephemeral data"). "Private read
 * receipts MUST only be sent for users matching one of the application service's namespaces."
 */
@Injectable()
export class ReceiptsSource implements EphemeralSource<ReceiptRow> {
  readonly stream = RECEIPTS_STREAM;

  constructor(
    private readonly receipts: ReceiptsRepository,
    private readonly ephemeral: AppserviceEphemeralRepository,
  ) {}

  wants(service: Appservice): boolean {
    return service.registration.receive_ephemeral;
  }

  current(q: Queryable): Promise<number> {
    return this.receipts.maxStreamId(q);
  }

  read(q: Queryable, after: number, limit: number): Promise<ReceiptRow[]> {
    return this.ephemeral.receiptsAfter(q, after, limit);
  }

  async entries(rows: readonly ReceiptRow[], interest: AppserviceInterest): Promise<AppserviceOutboxEntry[]> {
    const byRoom = new Map<string, ReceiptRow[]>();
    for (const row of rows) byRoom.set(row.roomId, [...(byRoom.get(row.roomId) ?? []), row]);
    const entries: AppserviceOutboxEntry[] = [];
    for (const [roomId, receipts] of byRoom) {
      for (const service of await interest.inRoom(roomId)) {
        const shown = receipts.filter(
          (r) => r.receiptType !== 'm.read.private' || service.mayActAs(r.userId),
        );
        if (shown.length === 0) continue;
        const event = receiptEvent(shown.map((r) => ({ ...r, threadId: r.threadId ?? undefined })));
        entries.push({ appserviceId: service.id, ephemeral: { ...event, room_id: roomId } });
      }
    }
    return entries;
  }
}
