import { NotificationKind } from './notification.enums';
import { overdueGroupKey, overdueTitleSuffix, venueChangeKind, venueDraft } from './notification-rules';

const change = (before: string, after: string, flags: Partial<{ approved: boolean; cancelled: boolean; rescheduled: boolean }> = {}) => ({
  before: { status: before },
  after: { status: after },
  approved: false,
  cancelled: false,
  rescheduled: false,
  ...flags,
});

describe('notification rules', () => {
  it("names the organizers' kind of each venue change, and none for changes they need not hear of", () => {
    expect(venueChangeKind(change('shortlisted', 'approved', { approved: true }))).toBe(NotificationKind.VenueApproved);
    expect(venueChangeKind(change('approved', 'cancelled', { cancelled: true }))).toBe(NotificationKind.VenueCancelled);
    expect(venueChangeKind(change('nominated', 'rejected'))).toBe(NotificationKind.VenueRejected);
    expect(venueChangeKind(change('scheduled', 'scheduled', { rescheduled: true }))).toBe(NotificationKind.VenueRescheduled);
    expect(venueChangeKind(change('nominated', 'shortlisted'))).toBeNull();
    expect(venueChangeKind(change('approved', 'approved'))).toBeNull(); // an edit of its description
    expect(venueChangeKind(change('rejected', 'rejected'))).toBeNull();
  });

  it('writes Vietnamese texts linking to the venue page, with the reason when one was given', () => {
    const venue = { id: 'v1', name: 'Bản Nậm Cang', status: 'scheduled', provinceCode: '12', scheduledDate: '2027-08-11', startTime: '08:00' };
    expect(venueDraft(NotificationKind.VenueNominated, venue, 'Lai Châu', null)).toMatchObject({
      title: 'Lai Châu đề xuất điểm “Bản Nậm Cang”',
      link: '/diem/v1',
    });
    expect(venueDraft(NotificationKind.VenueCancelled, venue, 'Lai Châu', 'Sạt lở').body).toBe('Lý do: Sạt lở');
    expect(venueDraft(NotificationKind.VenueRescheduled, venue, 'Lai Châu', null).body).toBe('Lịch mới: 08:00 ngày 11/08/2027.');
    expect(() => venueDraft(NotificationKind.TaskBlocked, venue, 'Lai Châu', null)).toThrow();
  });

  it('groups overdue escalations per audience, province and day', () => {
    expect(overdueGroupKey('province', '12', '2027-08-01')).toBe('task_overdue|province|12|2027-08-01');
    expect(overdueGroupKey('planners', '12', '2027-08-01')).not.toBe(overdueGroupKey('province', '12', '2027-08-01'));
    expect(overdueGroupKey('province', '12', '2027-08-02')).not.toBe(overdueGroupKey('province', '12', '2027-08-01'));
    expect(`37${overdueTitleSuffix('Lai Châu')}`).toBe('37 việc quá hạn ở Lai Châu');
  });
});
