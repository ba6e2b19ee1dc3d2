import { Body, Controller } from '@nestjs/common';
import { getPushers, postPusher, PushersResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { PushersService } from './pushers.service';

@Controller()
export class PushersController {
  constructor(private readonly pushers: PushersService) {}

  /** GET /_matrix/client/v3/pushers: "all currently active pushers for the authenticated user". */
  @MatrixRoute(getPushers)
  async list(@Requester() requester: Requester): Promise<PushersResponse> {
    return { pushers: await this.pushers.list(requester.userId) };
  }

  /** POST /_matrix/client/v3/pushers/set: create, update (by app_id and pushkey) or, with `kind: null`, delete. */
  @MatrixRoute(postPusher)
  async set(@Requester() requester: Requester, @Body() body: unknown): Promise<Record<string, never>> {
    await this.pushers.set(requester, jsonObject(body));
    return {};
  }
}
