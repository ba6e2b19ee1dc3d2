import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { Appservice } from '../registry/appservice';
import { AppserviceClient, AppserviceRefused } from '../transport/appservice-client';
import { withDeadline } from './deadline';

/**
 * How long a client's request waits for one application service to create a user or a room.
 * The spec's 408 for a service that never answers ("Querying") is not what callers get: to them a
 * service that is down or slow has no such user or alias, the answer they would get without it.
 */
export const QUERY_TIMEOUT_MS = 15_000;

/**
 * application-service-api "Querying": before this server says that one of its users or room
 * aliases does not exist, it asks the application services whose namespace covers it, which may
 * create it then ("The application service SHOULD create the queried entity if it desires").
 * Asked in registration order, until one says it exists.
 */
@Injectable()
export class AppserviceQueries {
  constructor(
    private readonly registry: AppserviceRegistry,
    private readonly client: AppserviceClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * GET /_matrix/app/v1/users/{userId} of each service with the user in its `users` namespace:
   * true when one answered 200, which means it has registered the user by now ("The application
   * service MUST create the user using the client-server API"), so the caller looks again.
   */
  userExists(userId: string): Promise<boolean> {
    const services = this.registry.all().filter((s) => s.isUserInNamespace(userId));
    return this.firstThatSaysYes(services, `/users/${encodeURIComponent(userId)}`, { user_id: userId });
  }

  /**
   * GET /_matrix/app/v1/rooms/{roomAlias} of each service with the alias in its `aliases`
   * namespace: true when one answered 200, having created the room and the alias ("MUST have
   * created a room and associated it with the queried room alias").
   */
  roomAliasExists(alias: string): Promise<boolean> {
    const services = this.registry.all().filter((s) => s.isAliasInNamespace(alias));
    return this.firstThatSaysYes(services, `/rooms/${encodeURIComponent(alias)}`, { room_alias: alias });
  }

  private async firstThatSaysYes(
    services: readonly Appservice[],
    path: string,
    fields: Record<string, string>,
  ): Promise<boolean> {
    for (const service of services) {
      if (service.registration.url === null) continue;
      try {
        await withDeadline(
          this.client.request(service, { method: 'GET', path }),
          QUERY_TIMEOUT_MS,
          `query ${path} of application service ${service.id}`,
        );
        return true;
      } catch (err) {
        // 404 is the service's "no such user / alias"; anything else is worth an operator's look.
        const notFound = err instanceof AppserviceRefused && err.status === 404;
        this.logger[notFound ? 'debug' : 'warn'](
          { ...fields, appservice_id: service.id, err },
          'application service query found nothing',
        );
      }
    }
    return false;
  }
}
