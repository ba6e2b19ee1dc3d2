import { Injectable } from '@nestjs/common';
import { IdServerUnbindResult, MatrixError } from '@switchboard/protocol';
import { ThreepidBindingsRepository, Transactions } from '@switchboard/storage';
import { JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { IdentityServerClient } from './identity-server-client';

/**
 * client-server-api POST /account/3pid/bind and /unbind: associations of a user's 3PIDs with their
 * Matrix ID on identity servers, made and removed through this server, which remembers where.
 */
@Injectable()
export class ThreepidBindingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly bindings: ThreepidBindingsRepository,
    private readonly identity: IdentityServerClient,
  ) {}

  async bind(requester: Requester, body: JsonObject): Promise<void> {
    const idServer = stringField(body, 'id_server', { required: true });
    const accessToken = stringField(body, 'id_access_token', { required: true });
    const sid = stringField(body, 'sid', { required: true });
    const clientSecret = stringField(body, 'client_secret', { required: true });
    const bound = await this.identity.bind(idServer, accessToken, { sid, clientSecret }, requester.userId);
    await this.bindings.add(this.transactions.reader, { userId: requester.userId, ...bound, idServer });
  }

  /**
   * The unbind a request body asks for (`medium`, `address`, optional `id_server`): what both
   * POST /account/3pid/unbind and POST /account/3pid/delete do at the identity server.
   */
  unbindRequested(userId: string, fields: JsonObject): Promise<IdServerUnbindResult> {
    return this.unbind(
      userId,
      stringField(fields, 'medium', { required: true }),
      stringField(fields, 'address', { required: true }),
      stringField(fields, 'id_server'),
    );
  }

  /**
   * "If not provided, the homeserver MUST use the id_server the identifier was added through. If
   * the homeserver does not know the original id_server, it MUST return a id_server_unbind_result
   * of no-support."
   */
  async unbind(
    userId: string,
    medium: string,
    address: string,
    idServer: string | undefined,
  ): Promise<IdServerUnbindResult> {
    const q = this.transactions.reader;
    const servers =
      idServer !== undefined ? [idServer] : await this.bindings.idServers(q, userId, medium, address);
    let result: IdServerUnbindResult = servers.length === 0 ? 'no-support' : 'success';
    for (const server of servers) {
      try {
        await this.identity.unbind(server, userId, { medium, address });
        await this.bindings.remove(q, { userId, medium, address, idServer: server });
      } catch (err) {
        // An identity server that refuses or cannot be reached has not unbound (Synapse: no-support).
        if (!(err instanceof MatrixError)) throw err;
        result = 'no-support';
      }
    }
    return result;
  }

  /**
   * POST /account/deactivate: "the homeserver will attempt to unbind all third-party identifiers
   * from the identity server(s)", every binding made through it, or on `idServer` when given.
   */
  async unbindAll(userId: string, idServer: string | undefined): Promise<IdServerUnbindResult> {
    const bindings = await this.bindings.forUser(this.transactions.reader, userId);
    const threepids = new Map(bindings.map((b) => [`${b.medium}\u0000${b.address}`, b]));
    let result: IdServerUnbindResult = 'success';
    for (const { medium, address } of threepids.values()) {
      if ((await this.unbind(userId, medium, address, idServer)) === 'no-support') result = 'no-support';
    }
    return result;
  }
}
