import { AppserviceRegistration } from '@switchboard/config';
import { testConfig } from '@switchboard/config/testing';
import { AppserviceRegistry } from './appservice-registry';

function registration(id: string, users: string, aliases: string[] = []): AppserviceRegistration {
  return {
    file: `${id}.yaml`,
    id,
    url: null,
    as_token: `as-${id}`,
    hs_token: `hs-${id}`,
    sender_localpart: `${id}bot`,
    namespaces: {
      users: [{ regex: users, exclusive: true }],
      aliases: aliases.map((regex) => ({ regex, exclusive: false })),
      rooms: [],
    },
    rate_limited: true,
    protocols: [],
    receive_ephemeral: false,
    msc3202: false,
    msc4190: false,
  };
}

describe('AppserviceRegistry', () => {
  const registry = new AppserviceRegistry(testConfig({ server_name: 'example.org' }));

  it('answers by ID, by as_token and by exclusive claim, from the set last given to replace()', () => {
    registry.replace([registration('a', '@_a_.*'), registration('b', '@_b_.*', ['#_b_.*'])]);
    expect(registry.all().map((s) => s.id)).toEqual(['a', 'b']);
    expect(registry.byId('b')?.senderUserId).toBe('@bbot:example.org');
    expect(registry.byAsToken('as-a')?.id).toBe('a');
    expect(registry.byAsToken('hs-a')).toBeUndefined();
    expect(registry.exclusiveOwnerOfUser('@_b_1:example.org')?.id).toBe('b');
    expect(registry.exclusiveOwnerOfUser('@abot:example.org')?.id).toBe('a');
    expect(registry.exclusiveOwnerOfUser('@carol:example.org')).toBeUndefined();
    expect(registry.exclusiveOwnerOfAlias('#_b_x:example.org')).toBeUndefined();

    registry.replace([registration('c', '@_a_.*')]);
    expect(registry.byId('a')).toBeUndefined();
    expect(registry.byAsToken('as-a')).toBeUndefined();
    expect(registry.exclusiveOwnerOfUser('@_a_1:example.org')?.id).toBe('c');
  });

  it('keeps a built-in bridge across replace() and refuses one that clashes with a file', () => {
    const own = new AppserviceRegistry(testConfig({ server_name: 'example.org' }));
    own.replace([registration('a', '@_a_.*')]);
    own.setBuiltIn({ ...registration('discord', '@discord_.*'), file: 'discord.yaml (built-in)' });
    expect(own.all().map((s) => s.id)).toEqual(['a', 'discord']);
    own.replace([registration('b', '@_b_.*')]);
    expect(own.all().map((s) => s.id)).toEqual(['b', 'discord']);
    expect(own.byAsToken('as-discord')?.id).toBe('discord');
    expect(() => own.setBuiltIn(registration('b', '@other_.*'))).toThrow(
      /clashes with the registration in b.yaml/,
    );
    own.removeBuiltIn('discord');
    expect(own.all().map((s) => s.id)).toEqual(['b']);
  });

  it('lets a service act as its sender and its namespace only', () => {
    registry.replace([registration('a', '@_a_.*')]);
    const a = registry.byId('a')!;
    expect(a.mayActAs('@abot:example.org')).toBe(true);
    expect(a.mayActAs('@_a_x:example.org')).toBe(true);
    expect(a.mayActAs('@x_a_:example.org')).toBe(false);
  });
});
