import { Inject, Injectable } from '@nestjs/common';
import { AppserviceRegistration, CONFIG, SwitchboardConfig } from '@switchboard/config';
import { Appservice } from './appservice';

/**
 * The application services this server knows, from `app_service_config_files`. Readers take what
 * the registry holds at the time of the call, so a reload (replace) takes effect for the next
 * request without a restart.
 */
@Injectable()
export class AppserviceRegistry {
  private services: readonly Appservice[] = [];
  private fromFiles: readonly AppserviceRegistration[] = [];
  private builtIn = new Map<string, AppserviceRegistration>();
  private byToken = new Map<string, Appservice>();
  private byIdMap = new Map<string, Appservice>();

  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  /** Every registration, in the order of the config's file list. */
  all(): readonly Appservice[] {
    return this.services;
  }

  byId(id: string): Appservice | undefined {
    return this.byIdMap.get(id);
  }

  /** The application service whose as_token this is (application-service-api "Authorisation"). */
  byAsToken(token: string): Appservice | undefined {
    return this.byToken.get(token);
  }

  /** The application service with an exclusive claim on a user ID, which nobody else may register. */
  exclusiveOwnerOfUser(userId: string): Appservice | undefined {
    return this.services.find((s) => s.ownsUserExclusively(userId));
  }

  /** The application service with an exclusive claim on a room alias, which nobody else may create. */
  exclusiveOwnerOfAlias(alias: string): Appservice | undefined {
    return this.services.find((s) => s.ownsAliasExclusively(alias));
  }

  /**
   * Takes a validated set of registrations (see loadAppserviceRegistrations) in place of the current
   * file-based one; the built-in bridges' registrations stay.
   */
  replace(registrations: readonly AppserviceRegistration[]): void {
    this.fromFiles = registrations;
    this.rebuild();
  }

  /**
   * Adds (or replaces, by ID) the registration of a bridge the homeserver runs itself. Throws if a
   * registration file already uses its ID or as_token: two services must never share either.
   */
  setBuiltIn(registration: AppserviceRegistration): void {
    const clash = this.fromFiles.find(
      (r) => r.id === registration.id || r.as_token === registration.as_token,
    );
    if (clash) {
      throw new Error(`the bridge ${registration.id} clashes with the registration in ${clash.file}`);
    }
    this.builtIn.set(registration.id, registration);
    this.rebuild();
  }

  removeBuiltIn(id: string): void {
    if (this.builtIn.delete(id)) this.rebuild();
  }

  private rebuild(): void {
    const registrations = [...this.fromFiles, ...this.builtIn.values()];
    const services = registrations.map((r) => new Appservice(r, this.config.server_name));
    this.services = services;
    this.byToken = new Map(services.map((s) => [s.registration.as_token, s]));
    this.byIdMap = new Map(services.map((s) => [s.id, s]));
  }
}
