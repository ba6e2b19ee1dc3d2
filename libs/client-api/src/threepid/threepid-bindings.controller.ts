import { Body, Controller } from '@nestjs/common';
import { bind3PID, IdServerUnbindResult, unbind3pidFromAccount } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { ThreepidBindingsService } from './threepid-bindings.service';

@Controller()
export class ThreepidBindingsController {
  constructor(private readonly bindings: ThreepidBindingsService) {}

  /** POST /_matrix/client/v3/account/3pid/bind — client-server-api "Adding Account Administrative Contact Information". */
  @MatrixRoute(bind3PID)
  async bind3PID(@Requester() requester: Requester, @Body() body: unknown): Promise<Record<string, never>> {
    await this.bindings.bind(requester, jsonObject(body));
    return {};
  }

  /** POST /_matrix/client/v3/account/3pid/unbind — the association on the identity server, not the account's 3PID. */
  @MatrixRoute(unbind3pidFromAccount)
  async unbind3pidFromAccount(
    @Requester() requester: Requester,
    @Body() body: unknown,
  ): Promise<{ id_server_unbind_result: IdServerUnbindResult }> {
    const fields = jsonObject(body);
    const result = await this.bindings.unbindRequested(requester.userId, fields);
    return { id_server_unbind_result: result };
  }
}
