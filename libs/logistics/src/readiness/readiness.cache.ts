import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectRedis } from '@app/redis';
import { EditionAnswerCache } from '../edition-answer-cache';

/** The readiness dashboard (see ReadinessService.dashboardJson). */
@Injectable()
export class ReadinessCache extends EditionAnswerCache {
  constructor(@InjectRedis() redis: Redis) {
    super(redis, 'readiness');
  }
}
