import { AppserviceRoomFacts } from '@switchboard/storage';
import { Appservice } from '../registry/appservice';

/** What AppserviceInterest reads, bound to one database snapshot or transaction. */
export interface InterestLookups {
  roomFacts(roomId: string): Promise<AppserviceRoomFacts>;
  /** The rooms the user is joined to. */
  joinedRooms(userId: string): Promise<string[]>;
}

/**
 * Which application services care about a room or a user, asked while handing over one batch:
 * answers are kept for the batch, as many items of one batch share a room. A room interests a
 * service whose namespaces hold the room's ID, one of its aliases, or one of its local members
 * (application-service-api "Pushing ephemeral data": "the application service must have
 * registered interest in the room itself, or in a user that is in the room"); a user interests it
 * when the service may act as the user or the user is joined to a room that interests it.
 */
export class AppserviceInterest {
  private readonly rooms = new Map<string, Appservice[]>();

  constructor(
    private readonly services: readonly Appservice[],
    private readonly lookups: InterestLookups,
  ) {}

  /** The services that may act as the user: those a message for the user's devices is for. */
  actingAs(userId: string): Appservice[] {
    return this.services.filter((s) => s.mayActAs(userId));
  }

  async inRoom(roomId: string): Promise<Appservice[]> {
    const known = this.rooms.get(roomId);
    if (known) return known;
    let interested = this.services.filter((s) => s.isRoomInNamespace(roomId));
    if (interested.length < this.services.length) {
      const facts = await this.lookups.roomFacts(roomId);
      interested = this.services.filter((s) => s.isInterestedInRoom(roomId, facts));
    }
    this.rooms.set(roomId, interested);
    return interested;
  }

  async inUser(userId: string): Promise<Appservice[]> {
    const interested = new Set(this.actingAs(userId));
    if (interested.size < this.services.length) {
      for (const roomId of await this.lookups.joinedRooms(userId)) {
        for (const service of await this.inRoom(roomId)) interested.add(service);
        if (interested.size === this.services.length) break;
      }
    }
    return this.services.filter((s) => interested.has(s));
  }
}
