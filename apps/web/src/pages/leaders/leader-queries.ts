/** The leader lists several pages read, each under one query key, so a write refreshes them all. */
import { useQuery } from '@tanstack/react-query';
import { client, data, getAll } from '../../api/client';
import { isWholeLeader } from '../../api/models';

/** Every leader on record, each with their whole record (planners' view; the API pages by 100). */
export function useAllLeaders() {
  return useQuery({
    queryKey: ['leaders', 'all'],
    queryFn: async () => (await getAll((paging) => client.GET('/api/leaders', { params: { query: paging } }))).filter(isWholeLeader),
    staleTime: 60_000,
  });
}

/** Who takes part in an edition, with the title they are invited under that year. */
export function useParticipations(editionId: string | undefined) {
  return useQuery({
    queryKey: ['participations', editionId],
    queryFn: () => data(client.GET('/api/editions/{editionId}/leaders', { params: { path: { editionId: editionId! } } })),
    enabled: !!editionId,
  });
}
