import type { AppserviceRegistration, SwitchboardConfig } from '@switchboard/config';
import { AppserviceRegistry } from '../registry/appservice-registry';

/** A registration for unit specs: namespaces given as regexes, all non-exclusive. */
export function testRegistration(
  id: string,
  over: Partial<Omit<AppserviceRegistration, 'namespaces'>> & { users?: string[]; aliases?: string[] } = {},
): AppserviceRegistration {
  const { users = [], aliases = [], ...rest } = over;
  const rules = (regexes: string[]) => regexes.map((regex) => ({ regex, exclusive: false }));
  return {
    file: `${id}.yaml`,
    id,
    url: `http://${id}.invalid`,
    as_token: `as-${id}`,
    hs_token: `hs-${id}`,
    sender_localpart: `${id}-bot`,
    namespaces: { users: rules(users), aliases: rules(aliases), rooms: [] },
    rate_limited: true,
    protocols: [],
    receive_ephemeral: false,
    msc3202: false,
    msc4190: false,
    ...rest,
  };
}

export function testRegistry(...registrations: AppserviceRegistration[]): AppserviceRegistry {
  const registry = new AppserviceRegistry({ server_name: 'test.local' } as SwitchboardConfig);
  registry.replace(registrations);
  return registry;
}
