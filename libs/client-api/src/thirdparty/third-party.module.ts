import { Module } from '@nestjs/common';
import { ThirdPartyLookupController } from './third-party-lookup.controller';

/** client-server-api "Third-party Networks". */
@Module({ controllers: [ThirdPartyLookupController] })
export class ThirdPartyModule {}
