import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseCookie } from 'cookie';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { findActiveAccount, Role } from '@app/auth';
import { JobProducer } from '@app/queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** A browser opening the dashboard sends its token in this cookie; API clients use the Authorization header. */
export const TOKEN_COOKIE = 'ngayhoi_token';

/**
 * Bull Board at /admin/queues, for central planners only: the same bearer token as the API (header or
 * the `ngayhoi_token` cookie), checked against an active planner account on every request.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const producer = app.get(JobProducer);
  const jwt = app.get(JwtService);
  const { manager } = app.get<DataSource>(getDataSourceToken());
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: producer.allQueues().map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
  });

  const plannersOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = bearer(request.headers.authorization) ?? parseCookie(request.headers.cookie ?? '')[TOKEN_COOKIE];
    try {
      const claims = token ? await jwt.verifyAsync<{ sub: string }>(token) : undefined;
      const user = claims ? await findActiveAccount(manager, claims.sub) : null;
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
