import type { AppserviceRegistration } from '@switchboard/config';
import {
  compileNamespaceRule,
  CompiledNamespaceRule,
  inExclusiveNamespace,
  inNamespace,
} from '@switchboard/protocol';

/** A loaded registration with its namespaces compiled: the questions the server asks about it. */
export class Appservice {
  readonly senderUserId: string;
  private readonly users: CompiledNamespaceRule[];
  private readonly aliases: CompiledNamespaceRule[];
  private readonly rooms: CompiledNamespaceRule[];

  constructor(
    readonly registration: AppserviceRegistration,
    serverName: string,
  ) {
    this.senderUserId = `@${registration.sender_localpart}:${serverName}`;
    this.users = registration.namespaces.users.map(compileNamespaceRule);
    this.aliases = registration.namespaces.aliases.map(compileNamespaceRule);
    this.rooms = registration.namespaces.rooms.map(compileNamespaceRule);
  }

  get id(): string {
    return this.registration.id;
  }

  /**
   * Users it may act as (application-service-api "Identity assertion"): its namespace and its
   * own sender user.
   */
  mayActAs(userId: string): boolean {
    return userId === this.senderUserId || inNamespace(this.users, userId);
  }

  isUserInNamespace(userId: string): boolean {
    return inNamespace(this.users, userId);
  }

  ownsUserExclusively(userId: string): boolean {
    return userId === this.senderUserId || inExclusiveNamespace(this.users, userId);
  }

  isAliasInNamespace(alias: string): boolean {
    return inNamespace(this.aliases, alias);
  }

  ownsAliasExclusively(alias: string): boolean {
    return inExclusiveNamespace(this.aliases, alias);
  }

  isRoomInNamespace(roomId: string): boolean {
    return inNamespace(this.rooms, roomId);
  }

  /**
   * A room is of interest through its ID, one of its aliases, or one of its local members
   * (application-service-api "Pushing events": "the application service must have registered
   * interest in the room itself, or in a user that is in the room").
   */
  isInterestedInRoom(
    roomId: string,
    room: { aliases: readonly string[]; members: readonly string[] },
  ): boolean {
    return (
      this.isRoomInNamespace(roomId) ||
      room.aliases.some((a) => this.isAliasInNamespace(a)) ||
      room.members.some((m) => this.mayActAs(m))
    );
  }
}
