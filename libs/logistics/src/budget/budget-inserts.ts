import type { EntityManager } from 'typeorm';
import { insertMissing } from '@app/common';
import { BudgetLine } from './budget.entities';
import { refreshBudgetRollups } from './budget-rollups';

/**
 * Inserts the budget lines whose id is not there yet, in one statement, and brings their venues' share
 * of the budget roll-up up to date; returns the ids inserted. For the demo seed (stable ids, reseeded
 * idempotently); people write lines through BudgetService.
 */
export async function insertBudgetLines(
  manager: EntityManager,
  lines: readonly Pick<BudgetLine, 'id' | 'venueId' | 'editionId' | 'category' | 'description' | 'plannedVnd' | 'actualVnd' | 'fundingSource'>[],
): Promise<Set<string>> {
  const inserted = await insertMissing(manager, BudgetLine, lines);
  await refreshBudgetRollups(manager, [...new Set(lines.filter((line) => inserted.has(line.id)).map((line) => line.venueId))]);
  return inserted;
}
