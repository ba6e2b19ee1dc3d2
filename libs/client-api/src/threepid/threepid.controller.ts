import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  add3PID,
  delete3pidFromAccount,
  getAccount3PIDs,
  IdServerUnbindResult,
  post3PIDs,
  requestTokenTo3PIDEmail,
  requestTokenToRegisterEmail,
  RequestTokenResponse,
  ThirdPartyIdentifier,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, queryParam, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { AccountThreepidsService } from './account-threepids.service';
import { EmailValidationService, SUBMIT_TOKEN_PATH } from './email-validation.service';
import { ThreepidBindingsService } from './threepid-bindings.service';

@Controller()
export class ThreepidController {
  constructor(
    private readonly validation: EmailValidationService,
    private readonly accountThreepids: AccountThreepidsService,
    private readonly bindings: ThreepidBindingsService,
  ) {}

  /** POST /_matrix/client/v3/register/email/requestToken */
  @MatrixRoute(requestTokenToRegisterEmail)
  registerEmailToken(@Body() body: unknown): Promise<RequestTokenResponse> {
    return this.validation.requestToken('register', jsonObject(body));
  }

  /** POST /_matrix/client/v3/account/3pid/email/requestToken */
  @MatrixRoute(requestTokenTo3PIDEmail)
  accountEmailToken(@Body() body: unknown): Promise<RequestTokenResponse> {
    return this.validation.requestToken('add', jsonObject(body));
  }

  /** The link in a validation mail. */
  @Get(SUBMIT_TOKEN_PATH)
  async followLink(@Query() query: unknown): Promise<{ success: true }> {
    await this.validation.submitToken(
      queryParam(query, 'sid'),
      queryParam(query, 'client_secret'),
      queryParam(query, 'token'),
    );
    return { success: true };
  }

  /** The `submit_url` of a requestToken answer: `{sid, client_secret, token}`. */
  @Post(SUBMIT_TOKEN_PATH)
  async submit(@Body() body: unknown): Promise<{ success: true }> {
    const b = jsonObject(body);
    await this.validation.submitToken(
      stringField(b, 'sid', { required: true }),
      stringField(b, 'client_secret', { required: true }),
      stringField(b, 'token', { required: true }),
    );
    return { success: true };
  }

  /** GET /_matrix/client/v3/account/3pid */
  @MatrixRoute(getAccount3PIDs)
  async list(@Requester() requester: Requester): Promise<{ threepids: ThirdPartyIdentifier[] }> {
    return { threepids: await this.accountThreepids.list(requester.userId) };
  }

  /** POST /_matrix/client/v3/account/3pid (deprecated) */
  @MatrixRoute(post3PIDs)
  async addDeprecated(
    @Requester() requester: Requester,
    @Body() body: unknown,
  ): Promise<Record<string, never>> {
    await this.accountThreepids.addDeprecated(requester, jsonObject(body));
    return {};
  }

  /** POST /_matrix/client/v3/account/3pid/add */
  @MatrixRoute(add3PID)
  async add(@Requester() requester: Requester, @Body() body: unknown): Promise<Record<string, never>> {
    await this.accountThreepids.add(requester, jsonObject(body));
    return {};
  }

  /**
   * POST /_matrix/client/v3/account/3pid/delete: "the homeserver will attempt to unbind the
   * third-party identifier from the identity server", the one given or the one it was bound on.
   */
  @MatrixRoute(delete3pidFromAccount)
  async remove(
    @Requester() requester: Requester,
    @Body() body: unknown,
  ): Promise<{ id_server_unbind_result: IdServerUnbindResult }> {
    const fields = jsonObject(body);
    const result = await this.bindings.unbindRequested(requester.userId, fields);
    await this.accountThreepids.remove(requester, fields);
    return { id_server_unbind_result: result };
  }
}
