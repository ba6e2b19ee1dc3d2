import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, parseUserId, WhoIsConnection, WhoIsResponse } from '@switchboard/protocol';
import { AccountsRepository, DevicesRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';

/**
 * client-server-api GET /admin/whois/{userId}: "This API may be restricted to only be called by
 * the user being looked up, or by a server admin." Each device is one session; its connection is
 * the last request it made (this server keeps no history of connections).
 */
@Injectable()
export class WhoisService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly devices: DevicesRepository,
  ) {}

  async whois(requester: Requester, userId: string): Promise<WhoIsResponse> {
    const q = this.transactions.reader;
    if (userId !== requester.userId && !(await this.isAdmin(requester.userId))) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You are not a server admin');
    }
    if (parseUserId(userId).serverName !== this.config.server_name) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Only local users can be looked up');
    }
    if (!(await this.accounts.find(q, userId))) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown user');
    const devices: WhoIsResponse['devices'] = {};
    for (const device of await this.devices.list(q, userId)) {
      const connection: WhoIsConnection = {};
      if (device.lastSeenIp !== null) connection.ip = device.lastSeenIp;
      if (device.lastSeenTs !== null) connection.last_seen = device.lastSeenTs;
      if (device.lastSeenUserAgent !== null) connection.user_agent = device.lastSeenUserAgent;
      devices[device.deviceId] = {
        sessions: [{ connections: device.lastSeenTs === null ? [] : [connection] }],
      };
    }
    return { user_id: userId, devices };
  }

  /** An admin of the config's `admins`, or one made so at registration. */
  private async isAdmin(userId: string): Promise<boolean> {
    if (this.config.admins.includes(userId)) return true;
    return (await this.accounts.find(this.transactions.reader, userId))?.admin === true;
  }
}
