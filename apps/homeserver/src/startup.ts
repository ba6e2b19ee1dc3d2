import { ConfigError, loadConfig, SwitchboardConfig } from '@switchboard/config';

/** Reads `--config PATH` (or `--config=PATH`) and loads the configuration it names. */
export function configFromArgs(argv: string[]): SwitchboardConfig {
  let path: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config' || argv[i] === '-c') path = argv[++i];
    else if (argv[i].startsWith('--config=')) path = argv[i].slice('--config='.length);
  }
  return loadConfig({ path });
}

/**
 * A start that cannot go on prints what is wrong, one line per problem, and exits 1: an operator
 * reads these, so no stack trace.
 */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.format()}\n`);
  } else {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`switchboard: ${e?.message ?? String(err)}\n`);
  }
  process.exit(1);
}
