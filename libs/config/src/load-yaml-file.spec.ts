import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { loadYamlFile, parseYamlText } from './load-yaml-file';

const schema = z
  .object({
    token: z.string({ message: 'a string' }),
    guilds: z.array(z.object({ id: z.string({ message: 'a Discord ID' }) }).strict(), { message: 'a list' }),
  })
  .strict();

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.format().split('\n');
    throw err;
  }
  throw new Error('no ConfigError');
}

describe('loadYamlFile', () => {
  it('returns the parsed value of a valid file', () => {
    expect(parseYamlText('token: t\nguilds:\n  - id: "1"\n', 'bridge.yaml', schema)).toEqual({
      token: 't',
      guilds: [{ id: '1' }],
    });
  });

  it('reports each problem with the file, line, key path, expected and found', () => {
    const lines = problems(() =>
      parseYamlText('token: 5\nguilds:\n  - id: 7\n    extra: 1\n', 'discord.yaml', schema),
    );
    expect(lines).toEqual([
      'discord.yaml: token: expected a string, got number 5 (line 1, col 8)',
      'discord.yaml: guilds[0].id: expected a Discord ID, got number 7 (line 3, col 9)',
      'discord.yaml: guilds[0].extra: expected one of the known keys: id, got unknown key "extra" (line 4, col 5)',
    ]);
  });

  it('reports a missing file and broken YAML as problems, not exceptions of another kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-yaml-'));
    try {
      expect(problems(() => loadYamlFile(join(dir, 'none.yaml'), schema))[0]).toMatch(/no such file/);
      writeFileSync(join(dir, 'bad.yaml'), 'token: [\n');
      expect(problems(() => loadYamlFile(join(dir, 'bad.yaml'), schema))[0]).toMatch(/bad\.yaml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
