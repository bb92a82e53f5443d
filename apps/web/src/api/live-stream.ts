/**
 * One of the API's live streams (Server-Sent Events), opened with a short-lived ticket: an EventSource
 * cannot send the Authorization header, and the token is kept out of cookies. When the stream drops
 * (network, an API restart, Redis away), the browser's own retry would reuse the spent ticket; so the
 * stream is closed and opened again after a pause with a new ticket. The notifications and the
 * festival day's board both use it.
 */
import { client, currentSession, data } from './client';

const RECONNECT_MS = 3_000;

export interface LiveStreamOptions {
  /** The stream's address for a fresh ticket (and whatever the caller adds, such as the last event id). */
  url: (ticket: string) => string;
  /** Listeners by event name. */
  events: Record<string, (event: MessageEvent<string>) => void>;
  /** The stream is open (again): what came meanwhile may be missing. */
  onOpen?: () => void;
  /** The stream dropped; it will be opened again. */
  onDown?: () => void;
}

/** Opens the stream, and again whenever it drops, until the returned function is called. */
export function openLiveStream(options: LiveStreamOptions): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const retry = () => {
    if (!stopped) timer = setTimeout(() => void open(), RECONNECT_MS);
  };
  const open = async () => {
    if (stopped || !currentSession()) return;
    try {
      const { ticket } = await data(client.POST('/api/notifications/stream-tickets'));
      if (stopped) return;
      source = new EventSource(options.url(ticket));
      for (const [name, listener] of Object.entries(options.events)) {
        source.addEventListener(name, (event) => listener(event as MessageEvent<string>));
      }
      if (options.onOpen) source.onopen = options.onOpen;
      source.onerror = () => {
        options.onDown?.();
        source?.close();
        source = null;
        retry();
      };
    } catch {
      retry();
    }
  };
  void open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
