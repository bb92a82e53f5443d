/**
 * Keeps the budget roll-up tables (budget-rollup.entities.ts) in step with budget_lines and the venues
 * (issue 21), so that the roll-up's cold answer reads a few hundred rows instead of every line.
 *
 * refreshBudgetRollups(venues) recomputes what each venue adds (its lines by category and by funding
 * source, if it counts: approved, scheduled or held), takes back what it added last time (stored per
 * venue with the province and region it was added under) and adds the difference to the edition's rows,
 * in one statement, in the caller's transaction. BudgetService calls it after every line written, and on
 * every venue event (a venue leaving or entering the roll-up, or moving province or region). Callers hold
 * the venue's row lock (VenuesService.lockForChildEdit, or the venue event being handled), so two
 * refreshes of one venue never interleave; the edition's rows are upserted in key order, so refreshes of
 * different venues cannot deadlock on them.
 */
import type { EntityManager } from 'typeorm';
import { LIVE_VENUE_STATUSES, VENUE_FACTS, VenueStatus } from '@app/venues';

/**
 * Venues whose budget counts: approved, scheduled, and held — actual spending is mostly recorded after
 * the festival, so a held venue's lines stay editable and in the totals. Written for venues' VENUE_FACTS
 * read model aliased `v`.
 */
export const BUDGET_VENUE_CONDITION = `v.status IN (${[...LIVE_VENUE_STATUSES, VenueStatus.Held].map((status) => `'${status}'`).join(', ')})`;

const MEASURES = ['lines', 'lines_with_actual', 'planned', 'settled_planned', 'actual'] as const;

/** The refresh of the venues `touched` selects (a SELECT of venue_id taking $1). */
const refreshSql = (touched: string) => `
  WITH touched AS (${touched}),
  fresh AS (
    SELECT v.id AS venue_id, v.edition_id, v.province_code, v.region::text AS region, d.dimension, d.key,
           count(*)::int AS lines, count(b.actual_vnd)::int AS lines_with_actual, sum(b.planned_vnd) AS planned,
           COALESCE(sum(b.planned_vnd) FILTER (WHERE b.actual_vnd IS NOT NULL), 0) AS settled_planned,
           COALESCE(sum(b.actual_vnd), 0) AS actual
      FROM touched
      JOIN ${VENUE_FACTS} v ON v.id = touched.venue_id
      JOIN budget_lines b ON b.venue_id = v.id
      CROSS JOIN LATERAL (VALUES ('category', b.category::text), ('funding_source', b.funding_source::text)) AS d(dimension, key)
     WHERE ${BUDGET_VENUE_CONDITION}
     GROUP BY v.id, v.edition_id, v.province_code, v.region, d.dimension, d.key),
  previous AS (
    SELECT r.venue_id, r.edition_id, r.province_code, r.region, p.*
      FROM venue_budget_rollups r JOIN touched ON touched.venue_id = r.venue_id,
           jsonb_to_recordset(r.parts) AS p(dimension text, key text, lines int, lines_with_actual int, planned numeric, settled_planned numeric, actual numeric)),
  stored AS (
    INSERT INTO venue_budget_rollups (venue_id, edition_id, province_code, region, parts, updated_at)
    SELECT venue_id, edition_id, province_code, region,
           jsonb_agg(jsonb_build_object('dimension', dimension, 'key', key, ${MEASURES.map((m) => `'${m}', ${m}${m === 'lines' || m === 'lines_with_actual' ? '' : '::text'}`).join(', ')}) ORDER BY dimension, key),
           now()
      FROM fresh GROUP BY venue_id, edition_id, province_code, region
    ON CONFLICT (venue_id) DO UPDATE
       SET edition_id = EXCLUDED.edition_id, province_code = EXCLUDED.province_code, region = EXCLUDED.region,
           parts = EXCLUDED.parts, updated_at = EXCLUDED.updated_at),
  emptied AS (
    DELETE FROM venue_budget_rollups r USING touched
     WHERE r.venue_id = touched.venue_id AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.venue_id = touched.venue_id)),
  delta AS (
    SELECT edition_id, province_code, region, dimension, key, sum(venues)::int AS venues,
           ${MEASURES.map((m) => `sum(${m})${m === 'lines' || m === 'lines_with_actual' ? '::int' : ''} AS ${m}`).join(', ')}
      FROM (SELECT edition_id, province_code, region, dimension, key, 1 AS venues, ${MEASURES.join(', ')} FROM fresh
            UNION ALL
            SELECT edition_id, province_code, region, dimension, key, -1, ${MEASURES.map((m) => `-${m}`).join(', ')} FROM previous) AS change
     GROUP BY edition_id, province_code, region, dimension, key)
  INSERT INTO budget_rollups AS r (edition_id, province_code, region, dimension, key, venues, ${MEASURES.join(', ')})
  SELECT edition_id, province_code, region, dimension, key, venues, ${MEASURES.join(', ')}
    FROM delta
   WHERE venues <> 0 OR ${MEASURES.map((m) => `${m} <> 0`).join(' OR ')}
   ORDER BY edition_id, province_code, region, dimension, key
  ON CONFLICT (edition_id, province_code, region, dimension, key) DO UPDATE
     SET venues = r.venues + EXCLUDED.venues, ${MEASURES.map((m) => `${m} = r.${m} + EXCLUDED.${m}`).join(', ')}`;

/** Brings these venues' share of their editions' budget roll-ups up to date, in the caller's transaction. */
export async function refreshBudgetRollups(manager: EntityManager, venueIds: readonly string[]): Promise<void> {
  if (venueIds.length === 0) return;
  await manager.query(refreshSql('SELECT DISTINCT unnest($1::uuid[]) AS venue_id'), [venueIds]);
}

/**
 * The same for every venue of an edition with lines or a stored share, in one statement: for lines
 * written in bulk outside the services (a benchmark's generated edition).
 */
export async function rebuildBudgetRollups(manager: EntityManager, editionId: string): Promise<void> {
  await manager.query(
    refreshSql('SELECT venue_id FROM budget_lines WHERE edition_id = $1 UNION SELECT venue_id FROM venue_budget_rollups WHERE edition_id = $1'),
    [editionId],
  );
}

/** An edition's roll-up rows (organizers: one province), the few hundred rows the summary is made of. */
export interface BudgetRollupSums {
  province_code: string;
  region: string;
  dimension: 'category' | 'funding_source';
  key: string;
  venues: number;
  lines: number;
  lines_with_actual: number;
  planned: string;
  settled_planned: string;
  actual: string;
}

export function readBudgetRollups(manager: EntityManager, editionId: string, provinceCode: string | null): Promise<BudgetRollupSums[]> {
  return manager.query(
    `SELECT province_code, region, dimension, key, venues, ${MEASURES.join(', ')}
       FROM budget_rollups
      WHERE edition_id = $1 AND ($2::text IS NULL OR province_code = $2) AND venues > 0`,
    [editionId, provinceCode],
  );
}
