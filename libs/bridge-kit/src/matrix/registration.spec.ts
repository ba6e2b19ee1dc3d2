import { parse } from 'yaml';
import { registrationFromValue } from '@switchboard/config';
import { buildRegistration, registrationYaml } from './registration';

const base = {
  id: 'discord',
  url: 'http://127.0.0.1:29334',
  serverName: 'example.org',
  botLocalpart: 'discordbot',
  ghostTemplate: 'discord_{id}',
  doublePuppet: false,
};

describe('buildRegistration', () => {
  it('claims the ghosts and the bridge aliases exclusively, with fresh 64-hex tokens', () => {
    const reg = buildRegistration(base);
    expect(reg).toMatchObject({
      id: 'discord',
      url: 'http://127.0.0.1:29334',
      sender_localpart: 'discordbot',
      namespaces: {
        users: [{ regex: '^@discord_.+:example\\.org$', exclusive: true }],
        aliases: [{ regex: '^#discord_.+:example\\.org$', exclusive: true }],
        rooms: [],
      },
      rate_limited: false,
      receive_ephemeral: true,
      'de.sorunome.msc2409.push_ephemeral': true,
    });
    expect(reg.as_token).toMatch(/^[0-9a-f]{64}$/);
    expect(reg.hs_token).toMatch(/^[0-9a-f]{64}$/);
    expect(reg.as_token).not.toBe(reg.hs_token);
    expect(buildRegistration(base).as_token).not.toBe(reg.as_token);
  });

  it('keeps given tokens and a null url', () => {
    const reg = buildRegistration({ ...base, url: null, asToken: 'a', hsToken: 'h' });
    expect(reg).toMatchObject({ url: null, as_token: 'a', hs_token: 'h' });
  });

  it('adds the local users non-exclusively for double puppeting', () => {
    const reg = buildRegistration({ ...base, doublePuppet: true });
    expect(reg.namespaces.users[1]).toEqual({ regex: '^@.*:example\\.org$', exclusive: false });
  });

  it('matches exactly the ghosts of the template', () => {
    const users = new RegExp(
      buildRegistration({ ...base, ghostTemplate: '{id}.dc' }).namespaces.users[0].regex,
    );
    expect(users.test('@123.dc:example.org')).toBe(true);
    expect(users.test('@123xdc:example.org')).toBe(false);
    expect(users.test('@123.dc:example.org.evil')).toBe(false);
    expect(users.test('@discordbot:example.org')).toBe(false);
  });

  it('round-trips through YAML and the homeserver registration loader', () => {
    const reg = buildRegistration({ ...base, doublePuppet: true });
    const loaded = registrationFromValue(parse(registrationYaml(reg)), 'discord.yaml');
    expect(loaded).toMatchObject({
      id: 'discord',
      url: reg.url,
      as_token: reg.as_token,
      hs_token: reg.hs_token,
      sender_localpart: 'discordbot',
    });
    expect(loaded.namespaces.users).toEqual(reg.namespaces.users);
  });
});
