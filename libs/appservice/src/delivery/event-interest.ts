import { AppserviceRoomFacts, AppserviceScannedEvent, Queryable } from '@switchboard/storage';
import { Appservice } from '../registry/appservice';

/** Alias-table changes make no event: a room's cached interest is recomputed after this long. */
const ROOM_TTL_MS = 60_000;
const MAX_ROOMS = 10_000;

interface RoomInterest {
  /** The services interested through an alias or a member of the room. */
  ids: Set<string>;
  at: number;
}

/**
 * Which application services an event is for (application-service-api "Pushing events"): those
 * with the sender, or the state key of a membership event, in their user namespace (or as their
 * own sender user); the room ID in their room namespace; one of the room's aliases in their alias
 * namespace; or a local joined or invited member of the room in their user namespace.
 *
 * The last two ask the database about the room, so their answer is kept per room: a membership
 * event updates it (a namespace user who joins adds its service; one who leaves makes it be
 * recomputed), a canonical alias event drops it, and it expires so that aliases added or removed
 * through the directory, which make no event, are seen.
 */
export class EventInterest {
  private readonly rooms = new Map<string, RoomInterest>();
  private services: readonly Appservice[] | undefined;

  constructor(
    private readonly serverName: string,
    /** Asked on the caller's connection: the embedded database has only one. */
    private readonly roomFacts: (q: Queryable, roomId: string) => Promise<AppserviceRoomFacts>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `services`: every registration of the registry; a change of set forgets what was kept. */
  async of(
    q: Queryable,
    event: AppserviceScannedEvent,
    services: readonly Appservice[],
  ): Promise<Appservice[]> {
    if (services !== this.services) {
      this.rooms.clear();
      this.services = services;
    }
    this.observe(event, services);
    const direct = services.filter((s) => this.directlyInterested(s, event));
    if (direct.length === services.length) return direct;
    const viaRoom = await this.roomInterest(q, event.roomId, services);
    return services.filter((s) => direct.includes(s) || viaRoom.has(s.id));
  }

  private directlyInterested(service: Appservice, event: AppserviceScannedEvent): boolean {
    return (
      service.mayActAs(event.sender) ||
      (event.type === 'm.room.member' && event.stateKey !== null && service.mayActAs(event.stateKey)) ||
      service.isRoomInNamespace(event.roomId)
    );
  }

  /** Keeps the room's cached interest in step with the event. */
  private observe(event: AppserviceScannedEvent, services: readonly Appservice[]): void {
    const cached = this.rooms.get(event.roomId);
    if (!cached) return;
    if (event.type === 'm.room.canonical_alias') {
      this.rooms.delete(event.roomId);
    } else if (event.type === 'm.room.member' && event.stateKey !== null) {
      const member = event.stateKey;
      const concerned = services.filter((s) => s.mayActAs(member));
      if (concerned.length === 0) return;
      if ((event.membership === 'join' || event.membership === 'invite') && this.isLocal(member)) {
        for (const s of concerned) cached.ids.add(s.id);
      } else {
        this.rooms.delete(event.roomId);
      }
    }
  }

  private async roomInterest(
    q: Queryable,
    roomId: string,
    services: readonly Appservice[],
  ): Promise<Set<string>> {
    const cached = this.rooms.get(roomId);
    if (cached && this.now() - cached.at < ROOM_TTL_MS) return cached.ids;
    const at = this.now();
    const facts = await this.roomFacts(q, roomId);
    const ids = new Set(services.filter((s) => s.isInterestedInRoom(roomId, facts)).map((s) => s.id));
    if (this.rooms.size >= MAX_ROOMS) this.rooms.clear();
    this.rooms.set(roomId, { ids, at });
    return ids;
  }

  private isLocal(userId: string): boolean {
    return userId.endsWith(`:${this.serverName}`);
  }
}
