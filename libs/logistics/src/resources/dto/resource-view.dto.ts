import { type IsoDate, type LocalTime, pageOf } from '@app/common';
import { SharedResource } from '../resource.entities';
import { ResourceKind } from '../resource.enums';

export class SharedResourcePage extends pageOf(SharedResource) {}

/** A booking as the API shows it: the stored instants plus their local dates and times, and names. */
export class BookingView {
  id: string;
  resourceId: string;
  resourceName: string;
  resourceKind: ResourceKind;
  venueId: string;
  venueName: string;
  provinceCode: string;
  editionId: string;
  startsAt: Date;
  endsAt: Date;
  /** `startsAt` in Asia/Ho_Chi_Minh. */
  startDate: IsoDate;
  startTime: LocalTime;
  /** `endsAt` in Asia/Ho_Chi_Minh. */
  endDate: IsoDate;
  endTime: LocalTime;
  note: string | null;
  /** Set when a planner accepted the booking although the road from or to a neighbouring booking is too short. */
  travelWarning: string | null;
  createdBy: string;
  createdAt: Date;
  version: number;
}
