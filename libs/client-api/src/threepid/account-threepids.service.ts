import { Injectable } from '@nestjs/common';
import { add3PID, LOGIN_PASSWORD, MatrixError, ThirdPartyIdentifier } from '@switchboard/protocol';
import { ThreepidsRepository, Transactions } from '@switchboard/storage';
import { isJsonObject, JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { EmailValidationService, ValidatedThreepid } from './email-validation.service';

/** The third-party identifiers of an account (client-server-api "Adding Account Administrative Contact Information"). */
@Injectable()
export class AccountThreepidsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly threepids: ThreepidsRepository,
    private readonly validation: EmailValidationService,
    private readonly uia: UserInteractiveAuthService,
  ) {}

  async list(userId: string): Promise<ThirdPartyIdentifier[]> {
    const rows = await this.threepids.forUser(this.transactions.reader, userId);
    return rows.map((r) => ({
      medium: r.medium,
      address: r.address,
      validated_at: r.validatedAt,
      added_at: r.addedAt,
    }));
  }

  /** The deprecated POST /account/3pid: `three_pid_creds` (or `threePidCreds`) of a validated session. */
  async addDeprecated(requester: Requester, body: JsonObject): Promise<void> {
    const creds = body.three_pid_creds ?? body.threePidCreds;
    if (!isJsonObject(creds))
      throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: three_pid_creds');
    await this.bind(requester.userId, await this.validation.validated(creds));
  }

  /** POST /account/3pid/add: "This endpoint uses the User-Interactive Authentication API". */
  async add(requester: Requester, body: JsonObject): Promise<void> {
    const clientSecret = stringField(body, 'client_secret', { required: true });
    const sid = stringField(body, 'sid', { required: true });
    const outcome = await this.uia.authenticate(body.auth, {
      operation: `${add3PID.method} ${add3PID.path}`,
      subject: { sid, client_secret: clientSecret },
      userId: requester.userId,
      flows: [[LOGIN_PASSWORD]],
    });
    const threepid = await this.validation.validated({ sid, client_secret: clientSecret });
    await this.bind(requester.userId, threepid);
    await this.transactions.run((tx) => this.uia.finish(tx, outcome));
  }

  /** POST /account/3pid/delete; no identity server was told of the binding, so there is nothing to unbind. */
  async remove(requester: Requester, body: JsonObject): Promise<void> {
    const medium = stringField(body, 'medium', { required: true });
    const address = stringField(body, 'address', { required: true });
    await this.threepids.remove(this.transactions.reader, requester.userId, medium, address.toLowerCase());
  }

  async bind(userId: string, threepid: ValidatedThreepid): Promise<void> {
    const added = await this.threepids.add(this.transactions.reader, {
      userId,
      medium: threepid.medium,
      address: threepid.address,
      validatedAt: threepid.validatedAt,
      addedAt: Date.now(),
    });
    if (!added)
      throw new MatrixError('M_THREEPID_IN_USE', 400, 'This third-party identifier is already in use');
  }
}
