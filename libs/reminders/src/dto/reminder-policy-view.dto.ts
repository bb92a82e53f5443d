import type { EffectiveReminderPolicy } from '../reminder-scheduler';

/** An edition's reminder policy as it applies now (the defaults until a planner saves one). */
export class ReminderPolicyView implements EffectiveReminderPolicy {
  editionId: string;
  /** Minutes before a delegate's event, largest first. */
  delegateOffsetsMinutes: number[];
  /** Days before a logistics task's deadline (08:00 local) its province's organizers are reminded. */
  taskOffsetsDays: number[];
  /** Days before a venue's festival day (08:00 local) its province's organizers are reminded. */
  venueOffsetsDays: number[];
  /** Hours after a task's deadline (17:00 local) before an open task goes to the province (N), then the centre (2N); 0 = never. */
  escalationHours: number;
  /** True while no policy has been saved for the edition. */
  isDefault: boolean;
  /** The saved policy's version (send it back to save); null while the defaults apply. */
  version: number | null;
}
