import type { Request, Response } from 'express';

/**
 * Starts a Server-Sent Events answer (the notifications' and the day board's live streams): the
 * headers a stream needs — no caching, no buffering by a reverse proxy — sent at once, and no Nagle
 * delay on each event.
 */
export function startEventStream(request: Request, response: Response): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
  request.socket.setNoDelay(true);
}
