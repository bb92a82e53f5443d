/** What the planning board reads of the edition's venues: never the whole edition (issue 18, 50,000 venues). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { LIVE_VENUE_STATUSES, VenueTier } from '@shared/venues/src/venue.enums';
import { client, data } from '../../api/client';

/** Venues a pin or ban offers at once; the planner's words find the others (searched by the API). */
export const VENUE_CHOICES = 50;

/**
 * The venues a run of this tier plans (approved or scheduled), the first page matching the words, with
 * how many match in all. Under the 'venues' key, so a change to venues (an accepted plan) refreshes it.
 */
export function usePlannableVenues(editionId: string, tier: VenueTier, q: string) {
  return useQuery({
    queryKey: ['venues', 'plannable', editionId, tier, q],
    queryFn: () =>
      data(
        client.GET('/api/venues', {
          params: { query: { editionId, tier, status: [...LIVE_VENUE_STATUSES], q: q || undefined, pageSize: VENUE_CHOICES } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
