import { Actor, Role } from '@app/auth';
import { VenueStatus, VenueTier } from '../venue.enums';
import { assertMayMovePlace, CentralVenueChangeRefused, changedPlaceOrTime } from './venue-change-rules';

const organizer: Actor = { id: 'o', email: 'o@example.vn', role: Role.ProvincialOrganizer, provinceCode: '12' };
const planner: Actor = { id: 'p', email: 'p@example.vn', role: Role.CentralPlanner, provinceCode: null };

function venue(tier: VenueTier, status: VenueStatus) {
  return {
    tier,
    status,
    name: 'Điểm A',
    address: 'Nhà văn hóa',
    communeName: 'Xã A',
    hamletName: null,
    latitude: 22.1,
    longitude: 103.2,
    provinceCode: '12',
    candidateDates: ['2027-08-12', '2027-08-10'],
  };
}

describe('who moves a central venue', () => {
  it.each([VenueStatus.Approved, VenueStatus.Scheduled])('refuses an organizer a change of place of a central venue %s, naming the fields', (status) => {
    const attempt = () => assertMayMovePlace(venue(VenueTier.Central, status), { name: 'Điểm B', latitude: 22.2, expectedAttendance: 5 } as never, organizer);
    expect(attempt).toThrow(CentralVenueChangeRefused);
    expect(attempt).toThrow(expect.objectContaining({ status: 403, details: { fields: ['name', 'latitude'] } }));
  });

  it('lets an organizer change the rest, repeat the current values, or edit a central venue before approval', () => {
    const central = venue(VenueTier.Central, VenueStatus.Scheduled);
    expect(() => assertMayMovePlace(central, { name: 'Điểm A', candidateDates: ['2027-08-10', '2027-08-12'] }, organizer)).not.toThrow();
    expect(() => assertMayMovePlace(venue(VenueTier.Central, VenueStatus.Shortlisted), { name: 'Điểm B' }, organizer)).not.toThrow();
    expect(() => assertMayMovePlace(venue(VenueTier.Provincial, VenueStatus.Scheduled), { name: 'Điểm B' }, organizer)).not.toThrow();
  });

  it('lets a planner move any venue', () => {
    expect(() => assertMayMovePlace(venue(VenueTier.Central, VenueStatus.Scheduled), { address: 'Sân vận động' }, planner)).not.toThrow();
  });

  it('counts time as a change too (the candidate dates)', () => {
    expect(changedPlaceOrTime(venue(VenueTier.Central, VenueStatus.Approved), { candidateDates: ['2027-08-11'] })).toEqual(['candidateDates']);
  });
});
