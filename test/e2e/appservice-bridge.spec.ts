import { join } from 'node:path';
import type { Bridge } from 'matrix-appservice-bridge';
import {
  BRIDGE,
  BridgeUnderTest,
  describeAppserviceAcceptance,
  ghostDisplayName,
} from '../support/appservice-acceptance';
import { Json } from '../support/http';

/**
 * matrix-appservice-bridge 10 (npm, unmodified) as the bridge: its AppServiceRegistration writes the
 * YAML, its Bridge answers the queries through the controller and speaks through Intents.
 */
type Sdk = typeof import('matrix-appservice-bridge');

describeAppserviceAcceptance('a matrix-appservice-bridge bridge on Switchboard', {
  async writeRegistration(dir, url) {
    const { AppServiceRegistration }: Sdk = await import('matrix-appservice-bridge');
    const registration = new AppServiceRegistration(url);
    registration.setId(BRIDGE.id);
    registration.setHomeserverToken(AppServiceRegistration.generateToken());
    registration.setAppServiceToken(AppServiceRegistration.generateToken());
    registration.setSenderLocalpart(BRIDGE.senderLocalpart);
    registration.addRegexPattern('users', BRIDGE.usersRegex, true);
    registration.addRegexPattern('aliases', BRIDGE.aliasesRegex, true);
    // Written as de.sorunome.msc2409.push_ephemeral, the key this SDK knows.
    registration.pushEphemeral = true;
    const file = join(dir, 'registration.yaml');
    registration.outputAsYaml(file);
    return file;
  },

  async start(homeserverUrl, registrationFile, port): Promise<BridgeUnderTest> {
    const { Bridge, Logger }: Sdk = await import('matrix-appservice-bridge');
    Logger.configure({ console: 'off' });
    const seen = {
      events: [] as Json[],
      ephemeral: [] as Json[],
      userQueries: [] as string[],
      aliasQueries: [] as string[],
    };
    const bridge: Bridge = new Bridge({
      homeserverUrl,
      domain: BRIDGE.serverName,
      registration: registrationFile,
      // Its nedb stores would write into the working directory; nothing here needs them.
      disableStores: true,
      logRequestOutcome: false,
      controller: {
        onLog: () => undefined,
        onEvent: (request) => {
          seen.events.push(request.getData());
        },
        onEphemeralEvent: (request) => {
          seen.ephemeral.push(request.getData());
        },
        onUserQuery: (user) => {
          seen.userQueries.push(user.getId());
          const name = ghostDisplayName(user.getId());
          return name === undefined ? null : { name };
        },
        onAliasQuery: (alias, localpart) => {
          seen.aliasQueries.push(alias);
          return {
            creationOpts: { room_alias_name: localpart, preset: 'public_chat', name: BRIDGE.portalName },
          };
        },
      },
    });
    await bridge.run(port, undefined, '127.0.0.1');
    return {
      ...seen,
      whoami: async () => (await bridge.getBot().getClient().getWhoAmI()).user_id,
      sendText: async (asUserId, roomId, text) =>
        (await bridge.getIntent(asUserId).sendText(roomId, text)).event_id,
      stop: () => bridge.close(),
    };
  },
});
