import { Injectable } from '@nestjs/common';
import { InjectRedis, type RedisClient } from '@app/redis';
import { EditionAnswerCache } from '../edition-answer-cache';

/** The readiness dashboard (see ReadinessService.dashboardJson). */
@Injectable()
export class ReadinessCache extends EditionAnswerCache {
  constructor(@InjectRedis() redis: RedisClient) {
    super(redis, 'readiness');
  }
}
