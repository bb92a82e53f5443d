import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Venue } from '@app/venues';
import { BudgetCategory, FundingSource } from './budget.enums';
import { vndTransformer } from './money';

/**
 * One line of a venue's estimate (dự toán) and, once spent, its actual cost (thực chi). Amounts are
 * whole đồng in numeric(15,0): exact in the database and below 2^53, so JSON numbers stay exact.
 */
@Entity('budget_lines')
@Index('budget_lines_venue_idx', ['venueId'])
@Check('budget_lines_planned_non_negative', 'planned_vnd >= 0')
@Check('budget_lines_actual_non_negative', 'actual_vnd IS NULL OR actual_vnd >= 0')
export class BudgetLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  /** The venue's edition, copied so roll-ups and audits need no join to place a line. */
  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @Column({ type: 'enum', enum: BudgetCategory, enumName: 'budget_category' })
  category: BudgetCategory;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'numeric', precision: 15, scale: 0, name: 'planned_vnd', transformer: vndTransformer })
  plannedVnd: number;

  /** Null until the cost is settled; 0 means "settled, nothing spent". */
  @Column({ type: 'numeric', precision: 15, scale: 0, name: 'actual_vnd', nullable: true, transformer: vndTransformer })
  actualVnd: number | null;

  @Column({ type: 'enum', enum: FundingSource, enumName: 'funding_source', name: 'funding_source' })
  fundingSource: FundingSource;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
