import { Injectable, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { ApiExceptionFilter } from '@app/common';

/**
 * The last handler of all: a request no route, static file, Swagger page, dashboard or console page
 * answered gets the API's JSON 404 (`/docs/nope`, `/metrics/nope`, `POST /nowhere`), never Express's
 * HTML error page. Nest answers unknown paths under its global prefix itself; this covers the rest.
 * Mounted once the routes are (onApplicationBootstrap runs after Nest registers its own handlers).
 */
@Injectable()
export class NotFoundFallback implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const [status, body] = new ApiExceptionFilter().toBody(new NotFoundException());
    this.adapterHost.httpAdapter.use((_request: Request, response: Response, next: NextFunction) => {
      if (response.headersSent) return next();
      response.status(status).json(body);
    });
  }
}
