import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Actor, isPlanner, OptionalActor, Public } from '@app/auth';
import { InjectRedis, type RedisClient } from '@app/redis';
import { Liveness, Readiness } from './liveness.dto';

/**
 * Liveness of what the API depends on: PostgreSQL and Redis. 200 when both answer, 503 otherwise.
 * The public learns only `ok` or `fail`; which dependency failed and why (host names, driver messages)
 * is for central planners (a bearer token on the same route).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectRedis() private readonly redis: RedisClient,
  ) {}

  /** Liveness: the process answers (no dependency checked) — for an orchestrator's restart probe. */
  @Get('live')
  @Public()
  live(): Liveness {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis answer. Planners (bearer token) also get each dependency's state. */
  @Get()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: Readiness })
  @ApiServiceUnavailableResponse({ type: Readiness })
  async check(@OptionalActor() actor: Actor | undefined, @Res({ passthrough: true }) response: Response): Promise<Readiness> {
    let result: Readiness;
    try {
      const healthy = await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), () => this.pingRedis()]);
      result = { status: 'ok', info: healthy.info, error: healthy.error, details: healthy.details };
    } catch (error) {
      response.status(503);
      const failed = (error as { response?: { info?: object; error?: object; details?: object } }).response ?? {};
      result = { status: 'fail', info: failed.info, error: failed.error, details: failed.details };
    }
    return actor && isPlanner(actor) ? result : { status: result.status };
  }

  private async pingRedis() {
    const indicator = this.indicators.check('redis');
    try {
      await this.redis.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
