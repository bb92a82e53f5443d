import { ApiProperty } from '@nestjs/swagger';

export class SpeakerView {
  attendeeKey: string;
  name: string;
  title: string | null;
}

/** One speaking slot (phát biểu) of the venue's programme and who speaks in it. */
export class SpeakingSlotView {
  programmeItemId: string;
  title: string;
  /** HH:mm, Asia/Ho_Chi_Minh. */
  startTime: string;
  endTime: string;
  /** Who speaks by custom: the host (khai mạc, chào mừng, tiếp thu, cảm ơn) or the central delegates. */
  @ApiProperty({ enum: ['central', 'host'] })
  side: 'central' | 'host';
  speaker: SpeakerView | null;
  /** True when the order of precedence proposes the speaker (nobody chose one by hand that still attends). */
  proposed: boolean;
}

export class GreeterView {
  name: string;
  title: string | null;
  phone: string | null;
  version: number;
}

/** A central delegate (a leader, or a deputy in their place) and who greets them on arrival. */
export class DelegateGreeterView {
  attendeeKey: string;
  delegateName: string;
  delegateTitle: string | null;
  greeter: GreeterView | null;
}

export class ProtocolRoleChangeView {
  @ApiProperty({ enum: ['speaker_left', 'greeter_left', 'greeter_missing'] })
  kind: 'speaker_left' | 'greeter_left' | 'greeter_missing';
  attendeeKey: string;
  /** What no longer agrees, in Vietnamese, naming the slot or the greeter. */
  message: string;
}

/** A venue's speakers and greeters, and what a substitution or a new acceptance changed for them. */
export class ProtocolRolesView {
  venueId: string;
  speakingSlots: SpeakingSlotView[];
  greeters: DelegateGreeterView[];
  changes: ProtocolRoleChangeView[];
}
