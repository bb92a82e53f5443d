import { ApiProperty } from '@nestjs/swagger';
import { RankTier } from '@app/leaders';
import { PrecedenceGroup } from '../protocol.enums';

export class PrecedenceEntryView {
  attendeeKey: string;
  position: number;
  name: string;
  title: string | null;
  @ApiProperty({ enum: PrecedenceGroup, enumName: 'PrecedenceGroup' })
  group: PrecedenceGroup;
  /** The group's Vietnamese name. */
  groupName: string;
  @ApiProperty({ enum: RankTier, enumName: 'RankTier', nullable: true })
  tier: RankTier | null;
  deputy: boolean;
  chiefGuest: boolean;
  /** Guests only: their row, to edit or remove. */
  guestId: string | null;
  guestVersion: number | null;
  rank: number | null;
  /** Why a planner placed this attendee here, when one did. */
  overrideReason: string | null;
}

export class SeatView {
  row: number;
  seat: number;
  attendeeKey: string;
  /** The attendee's name, or null when they no longer attend (see `changes`). */
  name: string | null;
  title: string | null;
}

export class SeatingPlanView {
  rows: number;
  seatsPerRow: number;
  editedByHand: boolean;
  version: number;
  updatedAt: Date;
  seats: SeatView[];
}

export class SeatingChangeView {
  @ApiProperty({ enum: ['left', 'unseated', 'moved'] })
  kind: 'left' | 'unseated' | 'moved';
  attendeeKey: string;
  /** What changed, in Vietnamese, naming the person and the seat. */
  message: string;
}

/** A venue's protocol: who attends in order of precedence, its front rows as drawn, and what no longer agrees. */
export class ProtocolView {
  venueId: string;
  precedence: PrecedenceEntryView[];
  seating: SeatingPlanView | null;
  changes: SeatingChangeView[];
}

export class GuestListEntryView {
  attendeeKey: string;
  name: string;
  title: string | null;
  groupName: string;
  /** The pass code to print on the pass or read out at the door. */
  passCode: string;
  checkedInAt: Date | null;
}

/** Everyone attending a venue, in order of precedence, with pass codes and who is in already. */
export class GuestListView {
  venueId: string;
  total: number;
  checkedIn: number;
  entries: GuestListEntryView[];
}

export class CheckInResultView {
  attendeeKey: string;
  name: string;
  title: string | null;
  checkedInAt: Date;
  /** True when this pass had been checked in before (the first time stands). */
  alreadyCheckedIn: boolean;
  /** What the phone shows, in Vietnamese ("… đã điểm danh lúc 07:42"). */
  message: string;
}
