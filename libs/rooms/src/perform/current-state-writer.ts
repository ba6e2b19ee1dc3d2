import { Injectable } from '@nestjs/common';
import { EventReference, IdentifiedPdu } from '@switchboard/protocol';
import {
  CurrentStateRepository,
  Membership,
  MembershipRow,
  MembershipsRepository,
  Tx,
} from '@switchboard/storage';

const MEMBERSHIPS: ReadonlySet<string> = new Set(['join', 'invite', 'leave', 'ban', 'knock']);

/** Writes a state event into a room's current state, and its membership row for member events. */
@Injectable()
export class CurrentStateWriter {
  constructor(
    private readonly currentState: CurrentStateRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async apply(
    tx: Tx,
    roomId: string,
    { eventId, pdu }: IdentifiedPdu,
    streamOrdering: number,
  ): Promise<void> {
    if (pdu.state_key === undefined) return;
    await this.currentState.set(
      tx,
      roomId,
      { type: pdu.type, stateKey: pdu.state_key, eventId },
      streamOrdering,
    );
    const membership = membershipRow(roomId, { eventId, pdu }, streamOrdering);
    if (membership) await this.memberships.set(tx, membership);
  }

  /** apply() for several events in order, in two statements. */
  async applyMany(
    tx: Tx,
    applied: readonly { roomId: string; event: IdentifiedPdu; streamOrdering: number }[],
  ): Promise<void> {
    const state = applied.filter((a) => a.event.pdu.state_key !== undefined);
    await this.currentState.setMany(
      tx,
      state.map(({ roomId, event, streamOrdering }) => ({
        roomId,
        type: event.pdu.type,
        stateKey: event.pdu.state_key!,
        eventId: event.eventId,
        streamOrdering,
      })),
    );
    await this.memberships.setMany(
      tx,
      state
        .map(({ roomId, event, streamOrdering }) => membershipRow(roomId, event, streamOrdering))
        .filter((row): row is Omit<MembershipRow, 'forgotten'> => row !== undefined),
    );
  }
}

function membershipRow(
  roomId: string,
  { eventId, pdu }: IdentifiedPdu,
  streamOrdering: number,
): Omit<MembershipRow, 'forgotten'> | undefined {
  const membership = pdu.content.membership;
  if (pdu.type !== 'm.room.member' || typeof membership !== 'string' || !MEMBERSHIPS.has(membership))
    return undefined;
  return {
    roomId,
    userId: pdu.state_key!,
    membership: membership as Membership,
    eventId,
    sender: pdu.sender,
    streamOrdering,
  };
}

/** prev_events / auth_events as IDs: bare in v3+, `[id, hashes]` pairs in v1 and v2. */
export function referencedIds(refs: readonly EventReference[]): string[] {
  return refs.map((r) => (typeof r === 'string' ? r : r[0]));
}

/** The event an m.room.redaction redacts: top-level before v11, in content from v11. */
export function redactedTarget({ pdu }: IdentifiedPdu): string | undefined {
  if (pdu.type !== 'm.room.redaction') return undefined;
  const target = pdu.redacts ?? pdu.content.redacts;
  return typeof target === 'string' ? target : undefined;
}
