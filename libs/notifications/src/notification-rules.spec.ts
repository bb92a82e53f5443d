import { NotificationKind } from './notification.enums';
import {
  answerAudiences,
  invitationAnswerDraft,
  overdueGroupKey,
  overdueTitleSuffix,
  UNMATCHED_REPLY_TITLE_SUFFIX,
  unmatchedReplyBody,
  unmatchedReplyGroupKey,
  venueChangeKind,
  venueDraft,
} from './notification-rules';

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

  describe('invitation answers', () => {
    const venue = { id: 'v1', name: 'Bản Nậm Cang', scheduledDate: '2027-08-11' };
    const facts = (answer: 'accepted' | 'declined' | 'substitute_proposed', comment: string | null = null) => ({
      invitationId: 'i1',
      answer,
      delegateName: 'Phạm Quang Đức',
      substitute: answer === 'substitute_proposed' ? { name: 'Trần Thị Hoa', position: 'Cục trưởng' } : null,
      comment,
    });

    it('tells planners of every answer, organizers of acceptances and refusals only', () => {
      expect(answerAudiences('accepted')).toEqual({ planners: true, organizers: true });
      expect(answerAudiences('declined')).toEqual({ planners: true, organizers: true });
      expect(answerAudiences('substitute_proposed')).toEqual({ planners: true, organizers: false });
    });

    it("links to the venue's answers and gives the delegate's comment to planners only", () => {
      const comment = 'Bận họp, liên hệ 0912 345 678';
      const forPlanners = invitationAnswerDraft(facts('declined', comment), venue, 'planners');
      const forOrganizers = invitationAnswerDraft(facts('declined', comment), venue, 'organizers');
      expect(forPlanners).toMatchObject({
        kind: NotificationKind.InvitationDeclined,
        title: 'Đồng chí Phạm Quang Đức báo không dự được điểm “Bản Nậm Cang” ngày 11/08/2027',
        body: `Ghi chú: ${comment}`,
        link: '/diem/v1#tra-loi-giay-moi',
        subjectId: 'i1',
      });
      expect(`${forOrganizers.title} ${forOrganizers.body}`).not.toContain('0912');
      expect(invitationAnswerDraft(facts('accepted'), venue, 'organizers')).toMatchObject({
        kind: NotificationKind.InvitationAccepted,
        title: 'Đồng chí Phạm Quang Đức nhận lời dự điểm “Bản Nậm Cang” ngày 11/08/2027',
        body: null,
      });
      expect(invitationAnswerDraft(facts('substitute_proposed'), venue, 'planners')).toMatchObject({
        kind: NotificationKind.SubstituteProposed,
        title: 'Đồng chí Phạm Quang Đức đề nghị cử đồng chí Trần Thị Hoa (Cục trưởng) dự thay ở điểm “Bản Nậm Cang” ngày 11/08/2027',
      });
    });
  });

  it('groups unmatched calendar replies per day, naming the latest one in a short body', () => {
    expect(unmatchedReplyGroupKey('2027-08-01')).toBe('calendar_reply_unmatched|2027-08-01');
    expect(`3${UNMATCHED_REPLY_TITLE_SUFFIX}`).toBe('3 thư trả lời từ ứng dụng lịch không khớp lời mời nào');
    const body = unmatchedReplyBody('2027-08-01', 'x'.repeat(500), ['vp@example.vn']);
    expect(body).toContain('thư gần nhất từ vp@example.vn');
    expect(body.length).toBeLessThan(300);
  });
});
