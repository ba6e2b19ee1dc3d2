import { Module } from '@nestjs/common';
import { WhoisController } from './whois.controller';
import { WhoisService } from './whois.service';

/** client-server-api "Server Administration": GET /admin/whois. */
@Module({ controllers: [WhoisController], providers: [WhoisService] })
export class AdminWhoisModule {}
