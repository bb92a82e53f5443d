import type { EntityManager } from 'typeorm';
import { insertMissing } from '@app/common';
import { BudgetLine } from './budget.entities';

/**
 * Inserts the budget lines whose id is not there yet, in one statement; returns the ids inserted. For
 * the demo seed (stable ids, reseeded idempotently); people write lines through BudgetService.
 */
export function insertBudgetLines(
  manager: EntityManager,
  lines: readonly Pick<BudgetLine, 'id' | 'venueId' | 'editionId' | 'category' | 'description' | 'plannedVnd' | 'actualVnd' | 'fundingSource'>[],
): Promise<Set<string>> {
  return insertMissing(manager, BudgetLine, lines);
}
