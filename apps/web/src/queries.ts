/**
 * Queries several pages share, each under one key so a write anywhere refreshes them all. Kept out of
 * the pages themselves: a page importing another page would pull it (and its map library) into its
 * own bundle.
 */
import { QueryClient, useQuery } from '@tanstack/react-query';
import { client, data } from './api/client';

/** The map's tile server and attribution: read once a session, by every map and by a page about to draw one. */
export function useConsoleSettings() {
  return useQuery({ queryKey: ['console-settings'], queryFn: () => data(client.GET('/api/console-settings')), staleTime: Infinity });
}

export function useReadiness(editionId: string | undefined) {
  return useQuery({
    queryKey: ['readiness', editionId],
    queryFn: () => data(client.GET('/api/editions/{editionId}/readiness', { params: { path: { editionId: editionId! } } })),
    enabled: !!editionId,
  });
}

/**
 * What a change to venues (a transition, an edit, an accepted plan) can move, refreshed at once: the
 * lists and the venue pages, their tasks (re-dated), leaders, invitations (updated or withdrawn),
 * readiness, the budget roll-up (by status), planning runs and the audit log.
 */
export function venuesChanged(queryClient: QueryClient): void {
  for (const key of ['venues', 'venue', 'tasks', 'venue-leaders', 'invitations', 'readiness', 'budget', 'planning-runs', 'audit']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}
