import type { IncomingMessage } from 'node:http';

/** The resources a listener can serve (config `listeners[].resources`). */
export type ListenerResource = 'client' | 'federation' | 'admin' | 'metrics';

const RESOURCES = Symbol('switchboard.listenerResources');

/** Marks a raw request with the resources of the listener it arrived on. */
export function tagRequest(req: IncomingMessage, resources: readonly ListenerResource[]): void {
  (req as IncomingMessage & { [RESOURCES]?: readonly ListenerResource[] })[RESOURCES] = resources;
}

export function resourcesOf(req: IncomingMessage): readonly ListenerResource[] | undefined {
  return (req as IncomingMessage & { [RESOURCES]?: readonly ListenerResource[] })[RESOURCES];
}

const PREFIXES: [string, ListenerResource][] = [
  ['/_matrix/client/', 'client'],
  ['/_matrix/media/', 'client'],
  ['/.well-known/matrix/client', 'client'],
  ['/.well-known/matrix/support', 'client'],
  ['/_matrix/federation/', 'federation'],
  ['/_matrix/key/', 'federation'],
  ['/.well-known/matrix/server', 'federation'],
  ['/_synapse/admin/', 'admin'],
  ['/_switchboard/admin/', 'admin'],
  ['/metrics', 'metrics'],
];

/** The resource a path belongs to; undefined for paths every listener serves (/health, unknown ones). */
export function resourceOfPath(url: string): ListenerResource | undefined {
  const path = url.split('?')[0];
  return PREFIXES.find(([prefix]) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))?.[1];
}
