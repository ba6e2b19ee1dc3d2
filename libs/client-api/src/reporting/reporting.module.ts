import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { ContentReportsService } from './content-reports.service';
import { ReportingController } from './reporting.controller';

/** client-server-api "Reporting content". */
@Module({
  imports: [RoomsModule],
  controllers: [ReportingController],
  providers: [ContentReportsService],
})
export class ReportingModule {}
