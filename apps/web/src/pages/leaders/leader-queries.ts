/** The leader lists several pages read, each under one query key, so a write refreshes them all. */
import { useQuery } from '@tanstack/react-query';
import { get, getAll } from '../../api';
import type { Leader, LeaderParticipation } from '../../types';

/** Every leader on record (planners' view; the API pages by 100). */
export function useAllLeaders() {
  return useQuery({ queryKey: ['leaders', 'all'], queryFn: () => getAll<Leader>('/leaders'), staleTime: 60_000 });
}

/** Who takes part in an edition, with the title they are invited under that year. */
export function useParticipations(editionId: string | undefined) {
  return useQuery({
    queryKey: ['participations', editionId],
    queryFn: () => get<LeaderParticipation[]>(`/editions/${editionId}/leaders`),
    enabled: !!editionId,
  });
}
