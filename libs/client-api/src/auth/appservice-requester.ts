import { Appservice, AppserviceRegistry } from '@switchboard/appservice';
import { MatrixError } from '@switchboard/protocol';
import { Requester } from './requester';

/** The application service that made a request with its as_token, if one did. */
export function appserviceOf(registry: AppserviceRegistry, requester: Requester): Appservice | undefined {
  return requester.appserviceId === undefined ? undefined : registry.byId(requester.appserviceId);
}

/**
 * MSC4190 "Device management for application services": one that opted in (`io.element.msc4190`)
 * creates its users' devices with PUT /devices/{deviceId} and deletes them without
 * user-interactive auth.
 */
export function managesDevices(registry: AppserviceRegistry, requester: Requester): boolean {
  return appserviceOf(registry, requester)?.registration.msc4190 ?? false;
}

/**
 * application-service-api "Server admin style permissions": application services "which attempt
 * to create ... aliases outside of their defined namespaces", and normal users who create one
 * inside an exclusive namespace, "will receive an error code M_EXCLUSIVE".
 */
export function assertMayCreateAlias(
  registry: AppserviceRegistry,
  requester: Requester,
  alias: string,
): void {
  const service = appserviceOf(registry, requester);
  if (service ? !service.isAliasInNamespace(alias) : registry.exclusiveOwnerOfAlias(alias)) {
    throw new MatrixError('M_EXCLUSIVE', 400, 'This alias is reserved by an application service.');
  }
}
