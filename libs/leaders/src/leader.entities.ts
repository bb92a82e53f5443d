import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { IsoDate } from '@app/common';
import type { Edition } from '@app/editions';
import type { Province } from '@app/provinces';
import type { Venue } from '@app/venues';
import { AssignmentRole } from './assignment.enums';
import { RankTier } from './rank-tier';

/** Highest first; a venue's required tier is met by this tier or any above it. */
export { RANK_TIER_NAMES, RANK_TIER_ORDER, RankTier } from './rank-tier';
export { ASSIGNMENT_ROLE_NAMES, ASSIGNMENT_ROLES, AssignmentRole } from './assignment.enums';

/** A Party or State leader who may be invited. Contacts and availability are for planners only. */
@Entity('leaders')
@Index('leaders_name_idx', ['fullName'])
export class Leader {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', name: 'full_name' })
  fullName: string;

  /** Current position; the title used in an edition is kept on the participation. */
  @Column({ type: 'text' })
  position: string;

  @Column({ type: 'enum', enum: RankTier, enumName: 'rank_tier', name: 'rank_tier' })
  rankTier: RankTier;

  @Column({ type: 'text' })
  organisation: string;

  @Column({ type: 'text', name: 'office_email' })
  officeEmail: string;

  @Column({ type: 'text', name: 'office_phone', nullable: true })
  officePhone: string | null;

  @Column({ type: 'varchar', length: 2, name: 'home_province_code', nullable: true })
  homeProvinceCode: string | null;

  /** Relations to other libraries' entities are declared by entity name: they own the classes. */
  @ApiHideProperty()
  @ManyToOne('Province', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_province_code' })
  homeProvince?: Province;

  /** Where the leader works and travels from (the planning solver's travel times); null = Hà Nội. */
  @Column({ type: 'varchar', length: 2, name: 'base_province_code', nullable: true })
  baseProvinceCode: string | null;

  @ApiHideProperty()
  @ManyToOne('Province', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'base_province_code' })
  baseProvince?: Province;

  @Column({ type: 'date', array: true, name: 'preferred_dates', default: '{}' })
  preferredDates: IsoDate[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Loaded whenever the API answers a whole leader record, hence required in the document. */
  @ApiProperty({ type: () => [LeaderUnavailability], required: true, description: 'Dates on which the leader cannot attend, earliest first.' })
  @OneToMany(() => LeaderUnavailability, (range) => range.leader)
  unavailability?: LeaderUnavailability[];

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** Dates (inclusive) on which a leader cannot attend. */
@Entity('leader_unavailability')
@Index('leader_unavailability_leader_idx', ['leaderId', 'startDate'])
@Check('leader_unavailability_ordered', 'start_date <= end_date')
export class LeaderUnavailability {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'leader_id' })
  leaderId: string;

  @ApiHideProperty()
  @ManyToOne(() => Leader, (leader) => leader.unavailability, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Leader;

  @Column({ type: 'date', name: 'start_date' })
  startDate: IsoDate;

  @Column({ type: 'date', name: 'end_date' })
  endDate: IsoDate;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}

/** A leader's part in one edition, with the title used that year (titles change between years). */
@Entity('leader_participations')
@Index('leader_participations_unique', ['editionId', 'leaderId'], { unique: true })
@Check('leader_participations_max_positive', 'max_appearances >= 1')
export class LeaderParticipation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'uuid', name: 'leader_id' })
  leaderId: string;

  @ApiHideProperty()
  @ManyToOne(() => Leader, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Leader;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int', name: 'max_appearances', default: 1 })
  maxAppearances: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** A leader attending a venue. One chief guest per venue at most. */
@Entity('venue_leader_assignments')
@Index('venue_leader_assignments_unique', ['venueId', 'leaderId'], { unique: true })
@Index('venue_leader_assignments_one_chief', ['venueId'], { unique: true, where: `role = 'chief_guest'` })
@Index('venue_leader_assignments_leader_idx', ['leaderId'])
export class VenueLeaderAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'uuid', name: 'leader_id' })
  leaderId: string;

  @ApiHideProperty()
  @ManyToOne(() => Leader, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Leader;

  @Column({ type: 'enum', enum: AssignmentRole, enumName: 'assignment_role' })
  role: AssignmentRole;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
