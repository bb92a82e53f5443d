import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@app/auth';
import { SearchQueryDto, SearchResults } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Venues, leaders, tasks and invitations matching the words, whatever the diacritics and case; each kind paged, need-to-know kept. */
  @Get()
  find(@Query() query: SearchQueryDto, @CurrentActor() actor: Actor): Promise<SearchResults> {
    return this.search.search(query, actor);
  }
}
