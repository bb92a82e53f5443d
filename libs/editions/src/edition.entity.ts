import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, FESTIVAL_TIME_ZONE, IsoDate, UpdatedAt, Version } from '@app/common';
import { EditionStatus } from './edition-status';

export { EditionStatus } from './edition-status';

/** One year's festival: its theme, its window and where it stands. */
@Entity('editions')
@Check('editions_window_ordered', 'window_start <= national_day AND national_day <= window_end')
@Check('editions_time_zone_fixed', `time_zone = '${FESTIVAL_TIME_ZONE}'`)
export class Edition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('editions_year_unique', { unique: true })
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  theme: string;

  @Column({ type: 'date', name: 'window_start' })
  windowStart: IsoDate;

  @Column({ type: 'date', name: 'window_end' })
  windowEnd: IsoDate;

  /** 19 August, Ngày hội toàn dân bảo vệ an ninh Tổ quốc (Decision 521/QĐ-TTg). */
  @Column({ type: 'date', name: 'national_day' })
  nationalDay: IsoDate;

  @Column({ type: 'enum', enum: EditionStatus, enumName: 'edition_status', default: EditionStatus.Planning })
  status: EditionStatus;

  /** Fixed: every local time of an edition is Asia/Ho_Chi_Minh. Stored so exports and feeds say so. */
  @Column({ type: 'text', name: 'time_zone', default: FESTIVAL_TIME_ZONE })
  timeZone: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
