import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { AppserviceOutboxRepository, MembershipsRepository, Queryable } from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';

/**
 * An AppserviceInterest over `q`. A room's aliases and members are read as the event pusher
 * reads them (AppserviceOutboxRepository.roomFacts), so ephemeral data goes where events go.
 */
@Injectable()
export class AppserviceInterestFactory {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly outbox: AppserviceOutboxRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  of(q: Queryable, services: readonly Appservice[]): AppserviceInterest {
    return new AppserviceInterest(services, {
      roomFacts: (roomId) => this.outbox.roomFacts(q, roomId, this.config.server_name),
      joinedRooms: async (userId) =>
        (await this.memberships.forUser(q, userId, ['join'])).map((m) => m.roomId),
    });
  }
}
