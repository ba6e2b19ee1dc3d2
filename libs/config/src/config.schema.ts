import { z } from 'zod';
import { adminsAreLocal, adminsSchema } from './sections/admins.schema';
import { appServiceConfigFilesSchema } from './sections/appservices.schema';
import { bridgesDirSchema } from './sections/bridges.schema';
import {
  casSchema,
  emailSchema,
  identityServersSchema,
  recaptchaSchema,
} from './sections/auth-providers.schema';
import { databaseSchema } from './sections/database.schema';
import { federationSchema } from './sections/federation.schema';
import { limitsSchema } from './sections/limits.schema';
import { listenersSchema } from './sections/listeners.schema';
import { rateLimitingSchema } from './sections/rate-limiting.schema';
import { redisSchema } from './sections/redis.schema';
import { registrationSchema } from './sections/registration.schema';
import { defaultPublicBaseurl, serverKeys } from './sections/server.schema';
import { mediaSchema } from './sections/media.schema';
import { turnSchema } from './sections/turn.schema';
import { loginViaExistingSessionSchema } from './sections/login-via-existing-session.schema';
import { supportSchema } from './sections/support.schema';

import { userDirectorySchema } from './sections/user-directory.schema';
import { serverNoticesSchema } from './sections/server-notices.schema';
/**
 * config/homeserver.yaml. Key order here is the order of the rendered sample. Keys stay snake_case
 * in the parsed type too, so a key reads the same in YAML, in code and in a problem line.
 */
export const configObjectSchema = z
  .object(
    {
      ...serverKeys,
      listeners: listenersSchema,
      database: databaseSchema,
      redis: redisSchema,
      registration: registrationSchema,
      recaptcha: recaptchaSchema,
      email: emailSchema,
      cas: casSchema,
      identity_servers: identityServersSchema,
      federation: federationSchema,
      app_service_config_files: appServiceConfigFilesSchema,
      bridges_dir: bridgesDirSchema,
      admins: adminsSchema,
      rate_limiting: rateLimitingSchema,
      limits: limitsSchema,
      media: mediaSchema,
      turn: turnSchema,
      login_via_existing_session: loginViaExistingSessionSchema,
      support: supportSchema,
      user_directory: userDirectorySchema,
      server_notices: serverNoticesSchema,
    },
    { message: 'a mapping of configuration keys' },
  )
  .strict();

export const configSchema = configObjectSchema
  .superRefine(adminsAreLocal)
  .transform(({ server_name, public_baseurl, ...rest }) => ({
    server_name,
    public_baseurl: public_baseurl ?? defaultPublicBaseurl(server_name),
    ...rest,
  }));

/**
 * The validated configuration. Paths (data_dir, TLS files, CA files, app service files) are
 * absolute: loadConfig resolves them against the config file's directory.
 */
export type SwitchboardConfig = z.output<typeof configSchema>;
