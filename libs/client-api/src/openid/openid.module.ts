import { Module } from '@nestjs/common';
import { OpenIdController } from './openid.controller';
import { OpenIdTokensService } from './openid-tokens.service';

/** client-server-api "OpenID"; the federation API's /openid/userinfo reads the same tokens. */
@Module({ controllers: [OpenIdController], providers: [OpenIdTokensService] })
export class OpenIdModule {}
