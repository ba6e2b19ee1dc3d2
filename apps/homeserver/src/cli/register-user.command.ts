import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { hashPassword } from '@switchboard/client-api';
import { loadConfig } from '@switchboard/config';
import { openDatabase, UsersRepository } from '@switchboard/storage';
import { formatUserId, MatrixError, parseUserId, validateNewUserLocalpart } from '@switchboard/protocol';
import { embeddedDatabaseDir } from '../data-dir';

export function registerUserCommand(): Command {
  return new Command('register-user')
    .description('create a local account directly in the database')
    .requiredOption('--user <name>', 'localpart (alice) or full user ID (@alice:server)')
    .option('--password <password>', 'the password (asked for when omitted and a terminal is attached)')
    .option('--admin', 'give the account server admin rights', false)
    .option('-c, --config <path>', 'homeserver.yaml (default: $SWITCHBOARD_CONFIG or config/homeserver.yaml)')
    .action(async (opts: { user: string; password?: string; admin: boolean; config?: string }) => {
      const config = loadConfig({ path: opts.config });
      const userId = newLocalUserId(opts.user, config.server_name);
      const password = opts.password ?? (await askPassword());
      const db = await openDatabase({ url: config.database.url, embeddedDir: embeddedDatabaseDir(config) });
      try {
        await new UsersRepository(db.dataSource).create({
          userId,
          passwordHash: await hashPassword(password),
          admin: opts.admin,
          createdTs: Date.now(),
        });
      } finally {
        await db.close();
      }
      process.stdout.write(`registered ${userId}${opts.admin ? ' (admin)' : ''}\n`);
    });
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('--password is required when no terminal is attached');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const password = await rl.question('Password: ');
    if (!password) throw new Error('the password must not be empty');
    return password;
  } finally {
    rl.close();
  }
}

/** `alice` or `@alice:server`; either way a strict-grammar localpart on this server. */
function newLocalUserId(user: string, serverName: string): string {
  let localpart = user;
  if (user.startsWith('@')) {
    const parsed = parseUserId(user);
    if (parsed.serverName !== serverName) {
      throw new MatrixError('M_INVALID_USERNAME', 400, `${user} is not a user of ${serverName}`);
    }
    localpart = parsed.localpart;
  }
  return formatUserId(validateNewUserLocalpart(localpart, serverName).localpart, serverName);
}
