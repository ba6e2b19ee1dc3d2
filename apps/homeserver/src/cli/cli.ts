import 'reflect-metadata';
import { Command } from 'commander';
import { exitOnStartupError } from '../startup';
import { bridgeCommand } from './bridge.command';
import { generateConfigCommand } from './generate-config.command';
import { migrateCommand } from './migrate.command';
import { registerUserCommand } from './register-user.command';

/** `npx switchboard <command>` (also `npm run cli -- <command>`). */
export function buildCli(): Command {
  const program = new Command('switchboard')
    .description('Switchboard: a Matrix homeserver with bridges built in')
    .showHelpAfterError();
  for (const command of [generateConfigCommand(), registerUserCommand(), migrateCommand(), bridgeCommand()]) {
    program.addCommand(command);
  }
  return program;
}

export function runCli(argv: string[]): void {
  buildCli().parseAsync(argv).catch(exitOnStartupError);
}

if (require.main === module) runCli(process.argv);
