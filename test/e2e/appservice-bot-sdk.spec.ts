import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IAppserviceRegistration } from 'matrix-bot-sdk';
import { parse, stringify } from 'yaml';
import {
  BRIDGE,
  BridgeUnderTest,
  describeAppserviceAcceptance,
  ghostDisplayName,
} from '../support/appservice-acceptance';
import { Json } from '../support/http';

/**
 * matrix-bot-sdk 0.7 (npm, unmodified) as the bridge: its Appservice class is given the
 * registration object that the homeserver reads as YAML, answers the queries through its
 * `query.user` / `query.room` events and speaks through getIntentForUserId.
 */
type Sdk = typeof import('matrix-bot-sdk');

describeAppserviceAcceptance('a matrix-bot-sdk Appservice bridge on Switchboard', {
  async writeRegistration(dir, url) {
    const registration: IAppserviceRegistration = {
      id: BRIDGE.id,
      url,
      as_token: randomBytes(32).toString('hex'),
      hs_token: randomBytes(32).toString('hex'),
      sender_localpart: BRIDGE.senderLocalpart,
      namespaces: {
        users: [{ exclusive: true, regex: BRIDGE.usersRegex }],
        aliases: [{ exclusive: true, regex: BRIDGE.aliasesRegex }],
        rooms: [],
      },
      rate_limited: false,
      'de.sorunome.msc2409.push_ephemeral': true,
    };
    const file = join(dir, 'registration.yaml');
    await writeFile(file, stringify(registration));
    return file;
  },

  async start(homeserverUrl, registrationFile, port): Promise<BridgeUnderTest> {
    const { Appservice, LogService }: Sdk = await import('matrix-bot-sdk');
    // It logs every request and transaction it handles; a test run needs none of it.
    const quiet = () => undefined;
    LogService.setLogger({ info: quiet, warn: quiet, debug: quiet, error: quiet, trace: quiet });
    const registration: IAppserviceRegistration = parse(await readFile(registrationFile, 'utf8'));
    const appservice = new Appservice({
      port,
      bindAddress: '127.0.0.1',
      homeserverName: BRIDGE.serverName,
      homeserverUrl,
      registration,
    });
    const seen = {
      events: [] as Json[],
      ephemeral: [] as Json[],
      userQueries: [] as string[],
      aliasQueries: [] as string[],
    };
    appservice.on('room.event', (_roomId: string, event: Json) => seen.events.push(event));
    appservice.on('ephemeral.event', (event: Json) => seen.ephemeral.push(event));
    appservice.on('query.user', (userId: string, createUser: (profile: object | false) => void) => {
      seen.userQueries.push(userId);
      const name = ghostDisplayName(userId);
      createUser(name === undefined ? false : { display_name: name });
    });
    appservice.on('query.room', (alias: string, createRoom: (options: object) => void) => {
      seen.aliasQueries.push(alias);
      createRoom({ preset: 'public_chat', name: BRIDGE.portalName });
    });
    await appservice.begin();
    return {
      ...seen,
      whoami: async () => (await appservice.botClient.getWhoAmI()).user_id,
      sendText: (asUserId, roomId, text) => appservice.getIntentForUserId(asUserId).sendText(roomId, text),
      stop: async () => appservice.stop(),
    };
  },
});
