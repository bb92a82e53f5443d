import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { DomainError, metricsScrapeAllowed } from '@app/common';
import { AppConfig } from '@app/config';
import { MetricsService } from './metrics.service';

/** Prometheus scrape target (outside /api). Guarded by METRICS_TOKEN when one is configured. */
@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  @Public()
  @ApiOperation({ summary: 'Prometheus scrape (outside /api); `Authorization: Bearer <METRICS_TOKEN>` when one is configured.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format (`text/plain; version=0.0.4; charset=utf-8`).',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    if (!metricsScrapeAllowed(this.config.METRICS_TOKEN, authorization)) {
      throw new DomainError(401, 'UNAUTHENTICATED', 'Thiếu hoặc sai mã truy cập số liệu giám sát.');
    }
    const { contentType, body } = await this.metrics.render();
    response.type(contentType).send(body);
  }
}
