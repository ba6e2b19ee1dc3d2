import { Inject, Injectable } from '@nestjs/common';
import { Appservice, AppserviceRegistry, AppserviceReloadService } from '@switchboard/appservice';
import { CONFIG, ConfigError, SwitchboardConfig } from '@switchboard/config';
import {
  AdminAppservice,
  AdminAppserviceList,
  AdminAppservicesReloaded,
  AdminRegistrationProblem,
  MatrixError,
} from '@switchboard/protocol';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';

/** Switchboard's admin API for application services: list them, reload their registration files. */
@Injectable()
export class AdminAppservicesService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly registry: AppserviceRegistry,
    private readonly reloader: AppserviceReloadService,
  ) {}

  async list(requester: Requester): Promise<AdminAppserviceList> {
    await this.requireAdmin(requester);
    return { appservices: this.registry.all().map(summary) };
  }

  /** A wrong file answers 400 with every problem, and the running set stays as it was. */
  async reload(requester: Requester): Promise<AdminAppservicesReloaded> {
    await this.requireAdmin(requester);
    let services: readonly Appservice[];
    try {
      services = this.reloader.reload();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      const problems: AdminRegistrationProblem[] = err.problems.map((p) => ({
        file: p.file,
        key_path: p.keyPath,
        expected: p.expected,
        got: p.got,
        line: p.line ?? null,
      }));
      throw new MatrixError(
        'M_INVALID_PARAM',
        400,
        `The registration files have ${problems.length} problem(s); the previous registrations stay in use.`,
        { problems },
      );
    }
    return { appservices: services.map((s) => s.id) };
  }

  /** An admin of the config's `admins`, or one made so at registration (as GET /admin/whois). */
  private async requireAdmin(requester: Requester): Promise<void> {
    if (this.config.admins.includes(requester.userId)) return;
    const account = await this.accounts.find(this.transactions.reader, requester.userId);
    if (account?.admin !== true) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Requesting user is not a server administrator.');
    }
  }
}

function summary(service: Appservice): AdminAppservice {
  const { url, namespaces } = service.registration;
  return { id: service.id, url, sender: service.senderUserId, namespaces };
}
