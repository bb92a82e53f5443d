import { request as httpRequest } from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * A minimal Server-Sent Events client over node:http (what a browser's EventSource does: one GET, then
 * `id:`/`event:`/`data:` blocks separated by a blank line), for tests that need the raw stream.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  errorBody = '';
  /** Set when the server ended the stream (not when close() did). */
  endedByServer = false;
  private endWaiters: Array<() => void> = [];
  private destroy?: () => void;
  private waiters: Array<() => void> = [];

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
        client.status = response.statusCode ?? 0;
        response.setEncoding('utf8');
        if (client.status !== 200) {
          // A refusal is an ordinary JSON error body.
          response.on('data', (chunk: string) => (client.errorBody += chunk));
          response.on('end', () => resolve(client));
          return;
        }
        let buffer = '';
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            client.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        response.on('end', () => {
          client.endedByServer = true;
          for (const wake of client.endWaiters.splice(0)) wake();
        });
        resolve(client);
      });
      client.destroy = () => req.destroy();
      req.on('error', reject);
      req.end();
    });
  }

  private parse(block: string): void {
    const event: SseEvent = { event: 'message', data: '' };
    let hasData = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data') {
        event.data += (hasData ? '\n' : '') + value;
        hasData = true;
      }
    }
    if (!hasData) return;
    this.events.push(event);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `count` events have arrived, or rejects after `ms`. */
  async waitFor(count: number, ms = 5_000): Promise<SseEvent[]> {
    const deadline = Date.now() + ms;
    while (this.events.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${this.events.length} of ${count} events after ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events;
  }

  /** Resolves once the server has ended the stream, or rejects after `ms`. */
  async ended(ms = 5_000): Promise<void> {
    if (this.endedByServer) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the stream was still open after ${ms} ms`)), ms);
      this.endWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close(): void {
    this.destroy?.();
  }
}
