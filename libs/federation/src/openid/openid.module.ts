import { Module } from '@nestjs/common';
import { OpenIdUserInfoController } from './openid-userinfo.controller';

/** server-server-api "OpenID": third parties learn who holds a token this server's client API issued. */
@Module({ controllers: [OpenIdUserInfoController] })
export class FederationOpenIdModule {}
