/**
 * The live side of notifications: one Server-Sent Events stream per tab, opened with a short-lived
 * ticket (an EventSource cannot send the Authorization header, and the token is kept out of cookies).
 * Each event refreshes the unread count and the inbox. When the stream drops (network, an API restart,
 * Redis away), the browser's own retry would reuse the spent ticket; so the stream is closed and opened
 * again with a new ticket and the last event id seen, and the API first sends what was missed.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { client, currentSession, data } from './api/client';

export const NOTIFICATIONS_KEY = 'notifications';
const RECONNECT_MS = 3_000;

export function useUnreadCount(): number | undefined {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => data(client.GET('/api/notifications/unread-count')),
    staleTime: 60_000,
  }).data?.unread;
}

/** Keeps the stream open while the layout is shown (logged in). */
export function useNotificationStream(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastEventId: string | null = null;
    let stopped = false;

    const refresh = () => void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
    const open = async () => {
      if (stopped || !currentSession()) return;
      try {
        const { ticket } = await data(client.POST('/api/notifications/stream-tickets'));
        if (stopped) return;
        const query = new URLSearchParams({ ticket });
        if (lastEventId) query.set('lastEventId', lastEventId);
        source = new EventSource(`/api/notifications/stream?${query.toString()}`);
        source.addEventListener('notification', (event) => {
          lastEventId = event.lastEventId || lastEventId;
          refresh();
        });
        source.onopen = refresh; // anything that came while we were away is counted again
        source.onerror = () => {
          source?.close();
          source = null;
          retry();
        };
      } catch {
        retry();
      }
    };
    const retry = () => {
      if (!stopped) timer = setTimeout(() => void open(), RECONNECT_MS);
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [queryClient]);
}
