import { join } from 'node:path';
import { SwitchboardConfig } from '@switchboard/config';

export function embeddedDatabaseDir(config: SwitchboardConfig): string {
  return join(config.data_dir, 'db');
}

export function signingKeyPath(config: SwitchboardConfig): string {
  return join(config.data_dir, 'signing.key');
}
