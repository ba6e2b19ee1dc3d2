import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from 'pino';
import { ConfigError } from '@switchboard/config';
import { testConfig } from '@switchboard/config/testing';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { AppserviceReloadService } from './appservice-reload.service';

function registration(id: string, regex = `@_${id}_.*`): string {
  return [
    `id: ${id}`,
    `url: http://127.0.0.1:9/${id}`,
    `as_token: as-${id}`,
    `hs_token: hs-${id}`,
    `sender_localpart: ${id}bot`,
    'namespaces:',
    '  users:',
    '    - exclusive: true',
    `      regex: "${regex}"`,
    '',
  ].join('\n');
}

describe('AppserviceReloadService', () => {
  let dir: string;
  let files: string[];
  let registry: AppserviceRegistry;
  let service: AppserviceReloadService;
  let logger: { info: jest.Mock; error: jest.Mock };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-reload-'));
    files = ['a.yaml', 'b.yaml'].map((name) => join(dir, name));
    writeFileSync(files[0], registration('a'));
    writeFileSync(files[1], registration('b'));
    const config = testConfig({ data_dir: dir, app_service_config_files: files });
    registry = new AppserviceRegistry(config);
    logger = { info: jest.fn(), error: jest.fn() };
    service = new AppserviceReloadService(config, registry, logger as unknown as Logger);
    service.reload();
  });
  afterEach(() => {
    service.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = () => registry.all().map((s) => s.id);

  it('takes what changed in a file: a new namespace, a new token', () => {
    writeFileSync(files[1], registration('b', '@_bee_.*').replace('as-b', 'as-b2'));
    expect(service.reload().map((s) => s.id)).toEqual(['a', 'b']);
    expect(registry.byAsToken('as-b')).toBeUndefined();
    expect(registry.byAsToken('as-b2')?.id).toBe('b');
    expect(registry.exclusiveOwnerOfUser('@_bee_1:test.local')?.id).toBe('b');
    expect(registry.exclusiveOwnerOfUser('@_b_1:test.local')).toBeUndefined();
  });

  it('adds a service and removes another when a file names a new one', () => {
    writeFileSync(files[1], registration('c'));
    expect(service.reload().map((s) => s.id)).toEqual(['a', 'c']);
    expect(registry.byId('b')).toBeUndefined();
    expect(registry.byAsToken('as-b')).toBeUndefined();
    expect(registry.byAsToken('as-c')?.id).toBe('c');
  });

  it('keeps the running set when a file is wrong, and takes it once fixed', () => {
    writeFileSync(files[1], registration('c').replace('id: c', 'id: a'));
    expect(() => service.reload()).toThrow(ConfigError);
    expect(ids()).toEqual(['a', 'b']);
    expect(registry.byAsToken('as-b')?.id).toBe('b');

    writeFileSync(files[1], registration('c'));
    expect(service.reload().map((s) => s.id)).toEqual(['a', 'c']);
    expect(registry.exclusiveOwnerOfUser('@_c_1:test.local')?.id).toBe('c');
  });

  it('keeps the running set when a listed file is gone', () => {
    unlinkSync(files[1]);
    expect(() => service.reload()).toThrow(
      `${files[1]}: (root): expected a readable registration file, got no such file`,
    );
    expect(ids()).toEqual(['a', 'b']);
  });

  it('reloads on SIGHUP once bootstrapped, logging the IDs or the problems, and stops listening at shutdown', () => {
    const listening = process.listenerCount('SIGHUP');
    service.onApplicationBootstrap();
    expect(process.listenerCount('SIGHUP')).toBe(listening + 1);
    writeFileSync(files[1], registration('c'));
    process.emit('SIGHUP', 'SIGHUP');
    expect(ids()).toEqual(['a', 'c']);
    expect(logger.info).toHaveBeenCalledWith(
      { appservices: ['a', 'c'] },
      expect.stringContaining('reloaded'),
    );

    writeFileSync(files[1], 'id: [');
    process.emit('SIGHUP', 'SIGHUP');
    expect(ids()).toEqual(['a', 'c']);
    expect(logger.error).toHaveBeenCalledWith(
      { problems: [expect.stringContaining(`${files[1]}: (root): expected valid YAML`)] },
      expect.stringContaining('previous ones stay in use'),
    );

    service.onApplicationShutdown();
    expect(process.listenerCount('SIGHUP')).toBe(listening);
  });
});
