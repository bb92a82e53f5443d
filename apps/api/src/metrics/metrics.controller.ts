import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth/decorators';
import { DomainError, sameSecret } from '@app/common';
import { AppConfig } from '@app/config';
import { MetricsService } from './metrics.service';

/** Prometheus scrape target (outside /api). Guarded by METRICS_TOKEN when one is configured. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    const expected = this.config.METRICS_TOKEN;
    if (expected && !sameSecret(authorization ?? '', `Bearer ${expected}`)) {
      throw new DomainError(401, 'UNAUTHENTICATED', 'Thiếu hoặc sai mã truy cập số liệu giám sát.');
    }
    const { contentType, body } = await this.metrics.render();
    response.type(contentType).send(body);
  }
}
