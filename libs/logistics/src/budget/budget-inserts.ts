import type { EntityManager } from 'typeorm';
import { insertMissing } from '@app/common';
import { lockVenuesForUpdate } from '@app/venues';
import { BudgetLine } from './budget.entities';
import { refreshBudgetRollups } from './budget-rollups';

/**
 * Inserts the budget lines whose id is not there yet, in one statement, and brings their venues' share
 * of the budget roll-up up to date; returns the ids inserted. For the demo seed (stable ids, reseeded
 * idempotently); people write lines through BudgetService. The venues are locked first, as BudgetService
 * does (refreshBudgetRollups' callers must): a concurrent writer of their lines waits for this
 * transaction's commit, or this one for its, so the later refresh, a statement of its own under READ
 * COMMITTED, sums both writers' lines (test/rollup-races.e2e-spec.ts).
 */
export async function insertBudgetLines(
  manager: EntityManager,
  lines: readonly Pick<BudgetLine, 'id' | 'venueId' | 'editionId' | 'category' | 'description' | 'plannedVnd' | 'actualVnd' | 'fundingSource'>[],
): Promise<Set<string>> {
  await lockVenuesForUpdate(
    manager,
    lines.map((line) => line.venueId),
  );
  const inserted = await insertMissing(manager, BudgetLine, lines);
  await refreshBudgetRollups(manager, [...new Set(lines.filter((line) => inserted.has(line.id)).map((line) => line.venueId))]);
  return inserted;
}
