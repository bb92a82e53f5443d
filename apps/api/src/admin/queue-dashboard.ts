import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { Role, SESSION_COOKIE, SessionChecks } from '@app/auth';
import { JobProducer } from '@app/queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for central planners only: the same bearer token as the API (header, or
 * the HttpOnly `ngayhoi_token` cookie the login answer sets for planners), checked by the API's own SessionChecks
 * on every request (active account, token not revoked).
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const producer = app.get(JobProducer);
  const sessions = app.get(SessionChecks);
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: producer.allQueues().map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
  });

  const plannersOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = bearer(request.headers.authorization) ?? parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
    try {
      const user = token ? await sessions.accountOf(token) : null;
      if (!user) return response.status(401).json({ code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập.' });
      if (user.role !== Role.CentralPlanner) {
        return response.status(403).json({ code: 'FORBIDDEN', message: 'Chỉ cán bộ lập kế hoạch Trung ương được xem hàng đợi.' });
      }
      next();
    } catch {
      response.status(401).json({ code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập.' });
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, plannersOnly, serverAdapter.getRouter());
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
