import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { renderSampleConfig } from '@switchboard/config';

export function generateConfigCommand(): Command {
  return new Command('generate-config')
    .description('write a commented homeserver.yaml with working defaults for a server name')
    .requiredOption(
      '--server-name <name>',
      'the server name in every user, room and event ID, e.g. example.org',
    )
    .option('--output <path>', 'where to write it (default: standard output)')
    .action(async (opts: { serverName: string; output?: string }) => {
      const yaml = renderSampleConfig({ serverName: opts.serverName });
      if (opts.output) {
        await writeFile(opts.output, yaml, { flag: 'wx' });
        process.stderr.write(`wrote ${opts.output}\n`);
      } else {
        process.stdout.write(yaml);
      }
    });
}
