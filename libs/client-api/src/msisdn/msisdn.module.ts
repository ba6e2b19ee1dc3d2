import { Module } from '@nestjs/common';
import { MsisdnRequestTokenController } from './msisdn-request-token.controller';

/** Phone-number validation requests, which this server does not support. */
@Module({ controllers: [MsisdnRequestTokenController] })
export class MsisdnModule {}
