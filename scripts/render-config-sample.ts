/**
 * `npm run config:sample`: writes config/homeserver.yaml from the config schemas. Run from the
 * repository root; libs/config/src/render-sample.spec.ts fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderSampleConfig, SAMPLE_SERVER_NAME } from '@switchboard/config';

const target = resolve('config/homeserver.yaml');
writeFileSync(target, renderSampleConfig({ serverName: SAMPLE_SERVER_NAME }));
process.stdout.write(`wrote ${target}\n`);
