import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsIsoDate } from '@app/common';
import { DAY_NOTE_MAX_LENGTH, DAY_STATES, DayState } from '../day-state.enums';

export class SetDayStateDto {
  @ApiProperty({ enum: DAY_STATES, enumName: 'DayState' })
  @IsIn(DAY_STATES)
  state: DayState;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'What happened (required for an incident), or a remark',
    example: 'Mưa lớn, chuyển phần lễ vào hội trường',
  })
  @IsOptional()
  @IsString()
  @MaxLength(DAY_NOTE_MAX_LENGTH)
  note?: string | null;

  @ApiPropertyOptional({
    description:
      'The version you saw (0 or absent while the point has no state yet). A stale one gets 409, none once it has a state 428. Sending what is already recorded (a retry) answers it unchanged, whatever the version.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class DayBoardQueryDto {
  @ApiPropertyOptional({ description: 'Only the points held that day (YYYY-MM-DD, Vietnam)', example: '2027-08-19' })
  @IsOptional()
  @IsIsoDate()
  date?: string;
}

/** One festival point on the board. */
export class DayBoardEntryView {
  venueId: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** YYYY-MM-DD, Vietnam. */
  @ApiProperty({ type: String, nullable: true })
  scheduledDate: string | null;
  @ApiProperty({ type: Date, nullable: true })
  startsAt: Date | null;
  latitude: number;
  longitude: number;
  @ApiProperty({ enum: DAY_STATES, enumName: 'DayState' })
  state: DayState;
  /** The state's Vietnamese name. */
  stateName: string;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ type: Date, nullable: true })
  leaderArrivedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  startedAt: Date | null;
  /** When the state was last set (null: never). */
  @ApiProperty({ type: Date, nullable: true })
  updatedAt: Date | null;
  /** 0 while the point has no state yet. */
  version: number;
}

export class DayStateCountsView {
  not_started: number;
  leader_arrived: number;
  started: number;
  finished: number;
  incident: number;
}

/** The live board: every festival point in the caller's scope (the country for planners and viewers, their province for organizers). */
export class DayBoardView {
  editionId: string;
  counts: DayStateCountsView;
  @ApiProperty({ type: [DayBoardEntryView] })
  entries: DayBoardEntryView[];
}

/** One point's state for its organizers' phone: what it may move to now, or why not. */
export class VenueDayStateView extends DayBoardEntryView {
  editionId: string;
  @ApiProperty({ enum: DAY_STATES, enumName: 'DayState', isArray: true })
  nextStates: DayState[];
  /** Whether the caller may set the state now (their province, from the venue's day on). */
  canSet: boolean;
  /** Why not, when the day has not come or the venue is not scheduled. */
  @ApiProperty({ type: String, nullable: true })
  refusal: string | null;
}
