import { Injectable } from '@nestjs/common';
import { InjectRedis, type RedisClient } from '@app/redis';
import { EditionAnswerCache } from '../edition-answer-cache';

/** The edition's budget roll-up (see BudgetService.editionBudgetJson). */
@Injectable()
export class BudgetCache extends EditionAnswerCache {
  constructor(@InjectRedis() redis: RedisClient) {
    super(redis, 'budget');
  }
}
