import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RegisterResponse } from '@switchboard/protocol';
import { jsonObject } from '../accounts/request-body';
import { AdminRegisterService } from './admin-register.service';

/**
 * Synapse's shared-secret registration API. Not a Matrix spec endpoint, so a plain route: it is
 * served on listeners with the `admin` resource and needs no access token (the MAC is the proof).
 */
@Controller()
export class AdminRegisterController {
  constructor(private readonly adminRegister: AdminRegisterService) {}

  /** GET /_synapse/admin/v1/register: a single-use nonce, good for 60 seconds. */
  @Get('/_synapse/admin/v1/register')
  async nonce(): Promise<{ nonce: string }> {
    return { nonce: await this.adminRegister.nonce() };
  }

  /** POST /_synapse/admin/v1/register: creates the account the MAC vouches for. */
  @Post('/_synapse/admin/v1/register')
  @HttpCode(200)
  register(@Body() body: unknown): Promise<RegisterResponse> {
    return this.adminRegister.register(jsonObject(body));
  }
}
