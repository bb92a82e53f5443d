import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A venue's budget lines summed by category and by funding source: one part per (dimension, key). */
export interface VenueBudgetPart {
  dimension: 'category' | 'funding_source';
  key: string;
  lines: number;
  lines_with_actual: number;
  planned: string;
  settled_planned: string;
  actual: string;
}

/**
 * What each counted venue (approved, scheduled or held) last added to its edition's budget roll-up,
 * under which province and region (issue 21). Kept by refreshBudgetRollups (budget-rollups.ts) so that
 * a refresh can take back exactly what was added, whatever has changed since (the venue moved, left the
 * roll-up, or lines were written behind the services' back).
 */
@Entity('venue_budget_rollups')
@Index('venue_budget_rollups_edition_idx', ['editionId'])
export class VenueBudgetRollup {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @Column({ type: 'text', name: 'province_code' })
  provinceCode: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'jsonb' })
  parts: VenueBudgetPart[];

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/**
 * An edition's budget summed per province, region and category (dimension 'category') or funding source
 * ('funding_source'), over its counted venues: a few hundred rows that the roll-up's cold answer reads
 * instead of every line (issue 21). `venues`: counted venues with at least one line under the key.
 */
@Entity('budget_rollups')
export class BudgetRollupRow {
  @PrimaryColumn({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @PrimaryColumn({ type: 'text', name: 'province_code' })
  provinceCode: string;

  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ type: 'text' })
  dimension: 'category' | 'funding_source';

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'int' })
  venues: number;

  @Column({ type: 'int' })
  lines: number;

  @Column({ type: 'int', name: 'lines_with_actual' })
  linesWithActual: number;

  @Column({ type: 'numeric', precision: 20, scale: 0 })
  planned: string;

  @Column({ type: 'numeric', precision: 20, scale: 0, name: 'settled_planned' })
  settledPlanned: string;

  @Column({ type: 'numeric', precision: 20, scale: 0 })
  actual: string;
}
