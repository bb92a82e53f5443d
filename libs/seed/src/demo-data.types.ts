import type { Region } from '@app/provinces';
import type { RankTier } from '@app/leaders';
import type { AreaFlag, HostKind } from '@app/venues';

/** A central festival point of the demo edition. Dates are month-day in the edition year (`MM-DD`). */
export interface DemoVenue {
  key: string;
  name: string;
  provinceCode: string;
  region: Region;
  communeName: string;
  hamletName: string | null;
  hostKind: HostKind;
  coHost: string | null;
  address: string;
  latitude: number;
  longitude: number;
  areaFlags: AreaFlag[];
  expectedAttendance: number;
  candidateDates: string[];
  scheduledDate: string;
  startTime: string;
  endTime: string;
}

export interface DemoLeader {
  key: string;
  fullName: string;
  position: string;
  rankTier: RankTier;
  organisation: string;
  officeEmail: string;
  officePhone: string;
  homeProvinceCode: string;
  /** `MM-DD` in the edition year. */
  preferredDates: string[];
  unavailability: { start: string; end: string; reason: string }[];
}
