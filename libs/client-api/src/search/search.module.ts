import { Module } from '@nestjs/common';
import { RelationsModule } from '../relations/relations.module';
import { TimelineModule } from '../timeline/timeline.module';
import { SearchContext } from './search-context.service';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** POST /search over room events. */
@Module({
  imports: [TimelineModule, RelationsModule],
  controllers: [SearchController],
  providers: [SearchService, SearchContext],
})
export class SearchModule {}
