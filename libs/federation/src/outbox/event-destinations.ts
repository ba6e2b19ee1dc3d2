import { Injectable } from '@nestjs/common';
import { splitStateKey, tryServerNameOf } from '@switchboard/protocol';
import { EventCache } from '@switchboard/rooms';
import { OutgoingEventRow, Queryable, StateSnapshotsRepository } from '@switchboard/storage';

/**
 * Where a local event goes: the servers of the members joined in the room's state at that event
 * (which includes the event itself), and for a membership event also the target's server (an
 * invite, a kick, a ban); never ourselves.
 */
@Injectable()
export class EventDestinations {
  constructor(
    private readonly snapshots: StateSnapshotsRepository,
    private readonly cache: EventCache,
  ) {}

  async of(tx: Queryable, ourName: string, event: OutgoingEventRow): Promise<string[]> {
    // An invite reaches the invitee's server through /invite, which co-signed it already.
    const target =
      event.type === 'm.room.member' && event.stateKey !== null && event.membership !== 'invite'
        ? tryServerNameOf(event.stateKey)
        : undefined;
    const destinations = new Set<string>(target ? [target] : []);
    // Rooms that never had a member elsewhere are most rooms: skip their state.
    if (event.snapshotAfter !== null && event.remoteMembers) {
      const state = await this.snapshots.load(tx, event.snapshotAfter);
      const memberIds = [...state]
        .filter(([key]) => splitStateKey(key)[0] === 'm.room.member')
        .map(([, id]) => id);
      for (const member of (await this.cache.getMany(tx, memberIds)).values()) {
        const server = tryServerNameOf(member.pdu.state_key);
        if (server && member.pdu.content.membership === 'join') destinations.add(server);
      }
    }
    destinations.delete(ourName);
    return [...destinations].sort();
  }
}
