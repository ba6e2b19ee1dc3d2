import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The one metrics registry of a process. Libraries register their metrics on the registry they are
 * handed (through the METRICS token), never on prom-client's global one, so tests can build as
 * many servers in one process as they like.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  return registry;
}
