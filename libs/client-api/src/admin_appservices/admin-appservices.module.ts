import { Module } from '@nestjs/common';
import { AdminAppservicesController } from './admin-appservices.controller';
import { AdminAppservicesService } from './admin-appservices.service';

/** Switchboard's admin API for application services (not in the spec): list and reload. */
@Module({ controllers: [AdminAppservicesController], providers: [AdminAppservicesService] })
export class AdminAppservicesModule {}
