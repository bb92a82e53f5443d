import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectRedis } from '@app/redis';
import { EditionAnswerCache } from '../edition-answer-cache';

/** The edition's budget roll-up (see BudgetService.editionBudgetJson). */
@Injectable()
export class BudgetCache extends EditionAnswerCache {
  constructor(@InjectRedis() redis: Redis) {
    super(redis, 'budget');
  }
}
