import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, ConfigError, loadAppserviceRegistrations, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { Appservice } from '../registry/appservice';
import { AppserviceRegistry } from '../registry/appservice-registry';

/**
 * Reloads the registration files without a restart: on SIGHUP, and when an admin asks
 * (POST /_switchboard/admin/v1/appservices/reload). The file list is the config's
 * `app_service_config_files` as loaded at start; the files' contents are read again. Each process
 * reloads on its own: in the scale-out shape every homeserver process is sent the signal, as the
 * endpoint reaches only the one that answers it.
 */
@Injectable()
export class AppserviceReloadService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly onHangup = () => this.reloadOnSignal();

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly registry: AppserviceRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Reads and validates every file again and swaps the registry's set for the new one. A wrong
   * file throws ConfigError and leaves the running set as it was: a half-applied set could hand
   * one service's namespace to another.
   */
  reload(): readonly Appservice[] {
    const registrations = loadAppserviceRegistrations(
      this.config.app_service_config_files,
      this.config.server_name,
    );
    this.registry.replace(registrations);
    return this.registry.all();
  }

  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onHangup);
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onHangup);
  }

  private reloadOnSignal(): void {
    try {
      const services = this.reload();
      this.logger.info(
        { appservices: services.map((s) => s.id) },
        'SIGHUP: application service registrations reloaded',
      );
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.logger.error(
        { problems: err.format().split('\n') },
        'SIGHUP: application service registrations not reloaded; the previous ones stay in use',
      );
    }
  }
}
