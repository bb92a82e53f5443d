import { Injectable } from '@nestjs/common';
import { type Actor, Role } from '@app/auth';
import { InvitationQueryDto, InvitationsService } from '@app/invitations';
import { LeaderQueryDto, LeadersService } from '@app/leaders';
import { TaskSearch } from '@app/logistics';
import { VenueQueryDto, VenuesService } from '@app/venues';
import { SearchKind, SearchQueryDto, SearchResults } from './dto/search.dto';

/** Who may search what: the same people who may list it. */
const LEADER_READERS: readonly Role[] = [Role.CentralPlanner, Role.Viewer];
const INVITATION_READERS: readonly Role[] = [Role.CentralPlanner];

/**
 * The one search box: asks each owning library to search its own rows (each folds diacritics and case
 * the same way, `search_fold` in SQL, on its own trigram index) and pages each kind by the API.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly venues: VenuesService,
    private readonly leaders: LeadersService,
    private readonly tasks: TaskSearch,
    private readonly invitations: InvitationsService,
  ) {}

  async search(query: SearchQueryDto, actor: Actor): Promise<SearchResults> {
    const wants = (kind: SearchKind) => !query.kind || query.kind === kind;
    const paging = { page: query.page, pageSize: query.pageSize };
    const [venues, leaders, tasks, invitations] = await Promise.all([
      wants(SearchKind.Venue) ? this.venues.list(Object.assign(new VenueQueryDto(), paging, { editionId: query.editionId, q: query.q }), actor) : null,
      wants(SearchKind.Leader) && LEADER_READERS.includes(actor.role)
        ? this.leaders.list(Object.assign(new LeaderQueryDto(), paging, { q: query.q }), actor)
        : null,
      wants(SearchKind.Task) ? this.tasks.search(query.editionId, query.q, actor, { ...paging, offset: query.offset }) : null,
      wants(SearchKind.Invitation) && INVITATION_READERS.includes(actor.role)
        ? this.invitations.list(Object.assign(new InvitationQueryDto(), paging, { editionId: query.editionId, q: query.q }))
        : null,
    ]);
    return { venues, leaders, tasks, invitations };
  }
}
