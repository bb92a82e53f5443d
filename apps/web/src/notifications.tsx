/**
 * The live side of notifications: one Server-Sent Events stream per tab, opened with a short-lived
 * ticket (api/live-stream.ts). Each event refreshes the unread count and the inbox. A stream opened
 * again after a drop carries the last event id seen, and the API first sends what was missed.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from './api/client';
import { openLiveStream } from './api/live-stream';

export const NOTIFICATIONS_KEY = 'notifications';

export function useUnreadCount(): number | undefined {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => data(client.GET('/api/notifications/unread-count')),
    staleTime: 60_000,
  }).data?.unread;
}

/** Keeps the stream open while the layout is shown (logged in); a reconnect asks for what came since the last event seen. */
export function useNotificationStream(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let lastEventId: string | null = null;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
    return openLiveStream({
      url: (ticket) => {
        const query = new URLSearchParams({ ticket });
        if (lastEventId) query.set('lastEventId', lastEventId);
        return `/api/notifications/stream?${query.toString()}`;
      },
      events: {
        notification: (event) => {
          lastEventId = event.lastEventId || lastEventId;
          refresh();
        },
      },
      onOpen: refresh, // anything that came while we were away is counted again
    });
  }, [queryClient]);
}
