import { Module } from '@nestjs/common';
import { OutboundHttp } from '@switchboard/http';
import { IdentityServerClient } from './identity-server-client';
import { ThreepidBindingsController } from './threepid-bindings.controller';
import { ThreepidBindingsService } from './threepid-bindings.service';

/** 3PID associations on identity servers, made and removed through this server. */
@Module({
  controllers: [ThreepidBindingsController],
  providers: [ThreepidBindingsService, IdentityServerClient, OutboundHttp],
  exports: [ThreepidBindingsService],
})
export class ThreepidBindingsModule {}
