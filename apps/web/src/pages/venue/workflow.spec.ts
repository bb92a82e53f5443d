import { describe, expect, it } from '@jest/globals';
import { Role } from '@shared/auth/src/role.enums';
import { VenueStatus, VenueTier } from '@shared/venues/src/venue.enums';
import type { User, Venue } from '../../api/models';
import { availableTransitions } from './workflow';

const organizer = { role: Role.ProvincialOrganizer, provinceCode: '15' } as User;
const planner = { role: Role.CentralPlanner, provinceCode: null } as User;
const scheduled = (day: string | null) => ({ status: VenueStatus.Scheduled, tier: VenueTier.Central, provinceCode: '15', scheduledDate: day }) as Venue;

describe('availableTransitions: "held" only from the venue’s day on', () => {
  it('is not offered before the venue’s day, to organizers or planners', () => {
    expect(availableTransitions(organizer, scheduled('2030-08-14'), '2030-08-13')).not.toContain(VenueStatus.Held);
    expect(availableTransitions(planner, scheduled('2030-08-14'), '2030-08-13')).not.toContain(VenueStatus.Held);
  });

  it('is offered on the day and after it', () => {
    expect(availableTransitions(organizer, scheduled('2030-08-14'), '2030-08-14')).toContain(VenueStatus.Held);
    expect(availableTransitions(planner, scheduled('2030-08-14'), '2030-08-20')).toContain(VenueStatus.Held);
  });

  it('leaves the other actions alone', () => {
    expect(availableTransitions(planner, scheduled('2030-08-14'), '2030-08-13')).toEqual(expect.arrayContaining([VenueStatus.Cancelled]));
  });
});
