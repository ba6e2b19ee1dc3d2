import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { configObjectSchema } from './config.schema';
import { descriptionOf, unwrap } from './internal/schema-walk';
import { parseConfig } from './load-config';
import { renderSampleConfig, SAMPLE_SERVER_NAME } from './render-sample';

const RENDER_COMMAND =
  'npm run config:sample  (= npx swc scripts/render-config-sample.ts libs/config/src --out-dir dist --quiet ' +
  '--ignore "**/*.spec.ts" && node dist/scripts/render-config-sample.js)';

const parse = (yaml: string) => parseConfig(yaml, { file: 'sample.yaml', baseDir: '/srv' });

/** Every key of the schema with its description, list items stepping into the element schema. */
function documentedKeys(schema: z.ZodTypeAny, prefix = ''): { key: string; doc: string | undefined }[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray) return documentedKeys(inner.element as z.ZodTypeAny, `${prefix}[]`);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as z.ZodRawShape).flatMap(([key, child]) => [
    { key: `${prefix}${prefix ? '.' : ''}${key}`, doc: descriptionOf(child) },
    ...documentedKeys(child, `${prefix}${prefix ? '.' : ''}${key}`),
  ]);
}

describe('renderSampleConfig', () => {
  it('config/homeserver.yaml is the current rendering', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'config', 'homeserver.yaml'), 'utf8');
    if (committed !== renderSampleConfig({ serverName: SAMPLE_SERVER_NAME })) {
      throw new Error(`config/homeserver.yaml is stale: the config schemas changed. Run ${RENDER_COMMAND}`);
    }
  });

  it('round-trips: the rendered sample parses to the defaults', () => {
    expect(parse(renderSampleConfig({ serverName: SAMPLE_SERVER_NAME }))).toEqual(
      parse(`server_name: ${SAMPLE_SERVER_NAME}\n`),
    );
    expect(parse(renderSampleConfig({ serverName: 'example.org' }))).toEqual(
      parse('server_name: example.org\n'),
    );
  });

  it('uses the given server name and base URL', () => {
    const config = parse(
      renderSampleConfig({ serverName: 'example.org', publicBaseurl: 'https://matrix.example.org/' }),
    );
    expect(config.server_name).toBe('example.org');
    expect(config.public_baseurl).toBe('https://matrix.example.org/');
  });

  it('writes every key with a doc line above it', () => {
    const sample = renderSampleConfig({ serverName: SAMPLE_SERVER_NAME });
    const keys = documentedKeys(configObjectSchema);
    expect(keys.filter(({ doc }) => !doc).map(({ key }) => key)).toEqual([]);
    const lines = sample.split('\n');
    // Keys under tls, and inside lists that are empty by default, are documented by their
    // parent's line: the sample has no element to hang them on.
    for (const { key, doc } of keys.filter(
      ({ key }) =>
        !key.includes('.tls.') && !key.includes('trusted_key_servers[') && !key.includes('support.contacts['),
    )) {
      const name = key
        .split(/[.[\]]+/)
        .filter(Boolean)
        .at(-1) as string;
      const at = lines.findIndex(
        (line, i) => line.includes(`# ${doc}`) && /^\s*(- )?[a-z_]+:/.test(lines[i + 1]),
      );
      expect({ key, found: at !== -1 && lines[at + 1].includes(`${name}:`) }).toEqual({ key, found: true });
    }
  });

  it('shows the default of scalar keys in the doc line', () => {
    const sample = renderSampleConfig({ serverName: SAMPLE_SERVER_NAME });
    expect(sample).toContain("Default: '12'.\ndefault_room_version: '12'\n");
    expect(sample).toContain('Default: 13107200.\n  max_request_body_bytes: 13107200\n');
  });

  it('refuses a bad server name with a ConfigError', () => {
    expect(() => renderSampleConfig({ serverName: 'not a name' })).toThrow(ConfigError);
    try {
      renderSampleConfig({ serverName: 'not a name' });
    } catch (err) {
      expect((err as ConfigError).format()).toMatch(/^generate-config: server_name: expected a server name/);
    }
  });
});
