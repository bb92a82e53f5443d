import { DomainError } from '@app/common';
import { InvitationStatus as S, RsvpAnswer } from './invitation.enums';
import {
  ANSWERABLE_STATUSES,
  ANSWERED_STATUSES,
  answerEvent,
  canApply,
  decide,
  ENDED_STATUSES,
  INVITATION_TRANSITIONS,
  InvitationEvent,
  InvitationEventType,
  LIVE_STATUSES,
  needsProgrammeUpdate,
  refusal,
  statusesAllowing,
  targetOf,
  UNSENT_STATUSES,
} from './invitation-workflow';

const ALL = Object.values(S);
const AT = new Date('2027-08-01T01:00:00Z');
const EXPIRES = new Date('2027-08-15T04:30:00Z');
const SUBSTITUTE = { name: 'Nguyễn Văn Bình', position: 'Cục trưởng', email: 'binh.nv@vanphong.example.vn', phone: '0912 345 678', leaderId: null };

/** One event of each type, with what it carries. */
const EVENTS: Record<InvitationEventType, InvitationEvent> = {
  send: { type: 'send' },
  sent: { type: 'sent' },
  failed: { type: 'failed' },
  accept: { type: 'accept', via: 'rsvp', at: AT },
  decline: { type: 'decline', via: 'calendar', at: AT },
  tentative: { type: 'tentative', via: 'calendar', at: AT, comment: 'Có thể đến muộn' },
  'propose-substitute': { type: 'propose-substitute', via: 'rsvp', at: AT, substitute: SUBSTITUTE },
  'approve-substitute': { type: 'approve-substitute', reason: 'Cử đồng chí Nguyễn Văn Bình dự thay', delivered: true },
  'refuse-substitute': { type: 'refuse-substitute', reason: 'Cần đồng chí cấp Thứ trưởng trở lên' },
  withdraw: { type: 'withdraw', reason: 'Thay đổi kế hoạch công tác', delivered: true },
  resend: { type: 'resend' },
  reschedule: { type: 'reschedule', delivered: true, rsvpExpiresAt: EXPIRES },
  'programme-update': { type: 'programme-update' },
};

function refused(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('invitation workflow', () => {
  it('allows each event in exactly these statuses', () => {
    expect(Object.fromEntries(Object.keys(INVITATION_TRANSITIONS).map((type) => [type, statusesAllowing(type as InvitationEventType)]))).toEqual({
      send: [S.Draft],
      sent: [S.Queued],
      failed: [S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Withdrawn, S.Tentative],
      accept: [S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative],
      decline: [S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative],
      tentative: [S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative],
      'propose-substitute': [S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative],
      'approve-substitute': [S.SubstituteProposed],
      'refuse-substitute': [S.SubstituteProposed],
      withdraw: [S.Draft, S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative],
      resend: [S.Sent, S.Accepted, S.Tentative],
      reschedule: [S.Queued, S.Sent, S.Accepted, S.SubstituteProposed, S.Tentative],
      'programme-update': [S.Queued, S.Sent, S.Accepted, S.SubstituteProposed, S.Tentative],
    });
  });

  it('derives the status sets the writers select by', () => {
    expect(ENDED_STATUSES).toEqual([S.Withdrawn]);
    expect(UNSENT_STATUSES).toEqual([S.Draft]);
    expect(ANSWERABLE_STATUSES).toEqual([S.Queued, S.Sent, S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative]);
    expect(ANSWERED_STATUSES).toEqual([S.Accepted, S.Declined, S.SubstituteProposed, S.Tentative]);
    expect(statusesAllowing('reschedule')).toEqual([...LIVE_STATUSES].sort((a, b) => ALL.indexOf(a) - ALL.indexOf(b)));
    expect(() => targetOf('reschedule')).toThrow('leads to');
    expect(targetOf('sent')).toBe(S.Sent);
    expect(() => targetOf('failed')).toThrow('leads to');
  });

  it('maps a delegate’s answer to its event', () => {
    const events = Object.fromEntries(Object.values(RsvpAnswer).map((answer) => [answer, answerEvent(answer)]));
    expect(events).toEqual({ accept: 'accept', decline: 'decline', substitute: 'propose-substitute' });
  });

  it('refuses every event the same way wherever it is attempted: the refusal of its type and status', () => {
    for (const type of Object.keys(EVENTS) as InvitationEventType[]) {
      for (const status of ALL) {
        if (canApply(status, type)) {
          expect(decide({ status, sequence: 2 }, EVENTS[type]).set.status).toBe(INVITATION_TRANSITIONS[type][status]);
          continue;
        }
        const error = refused(() => decide({ status, sequence: 2 }, EVENTS[type]));
        const expected = refusal(type, status);
        expect({ status: error.status, code: error.code, message: error.message, details: error.details }).toEqual({
          status: expected.status,
          code: expected.code,
          message: expected.message,
          details: expected.details,
        });
      }
    }
  });

  it('sends a draft: queued, the first letter, reminders planned; a second send is refused', () => {
    expect(decide({ status: S.Draft, sequence: 0 }, EVENTS.send)).toEqual({
      set: { status: S.Queued },
      supersedes: 'requests',
      message: { kind: 'invitation', method: 'REQUEST', reason: null },
      reminders: 'plan',
    });
    const error = refused(() => decide({ status: S.Sent, sequence: 0 }, EVENTS.send));
    expect(error).toMatchObject({ status: 409, code: 'ALREADY_SENT', message: 'Lời mời đã được gửi.', details: { status: S.Sent } });
  });

  it('records answers (the last stands), refusing a withdrawn invitation and, revealing nothing, a draft', () => {
    expect(decide({ status: S.Accepted, sequence: 1 }, EVENTS.decline)).toEqual({
      set: { status: S.Declined, substitute: null, answeredAt: AT, answeredVia: 'calendar', answerComment: null },
      supersedes: null,
      message: null,
      reminders: 'cancel',
    });
    expect(decide({ status: S.Declined, sequence: 1 }, EVENTS.accept).reminders).toBe('plan');
    expect(decide({ status: S.Sent, sequence: 0 }, EVENTS['propose-substitute']).set).toMatchObject({ status: S.SubstituteProposed, substitute: SUBSTITUTE });
    expect(refused(() => decide({ status: S.Withdrawn, sequence: 1 }, EVENTS.accept))).toMatchObject({ status: 409, code: 'INVITATION_WITHDRAWN' });
    expect(refused(() => decide({ status: S.Draft, sequence: 0 }, EVENTS.decline))).toMatchObject({ status: 404, code: 'INVALID_LINK' });
  });

  it('records a calendar’s TENTATIVE with its comment: still live, reminders kept planned, answerable again', () => {
    expect(decide({ status: S.Sent, sequence: 0 }, EVENTS.tentative)).toEqual({
      set: { status: S.Tentative, substitute: null, answeredAt: AT, answeredVia: 'calendar', answerComment: 'Có thể đến muộn' },
      supersedes: null,
      message: null,
      reminders: 'plan',
    });
    expect(LIVE_STATUSES).toContain(S.Tentative);
    expect(decide({ status: S.Tentative, sequence: 0 }, EVENTS.accept).set.status).toBe(S.Accepted);
  });

  it('withdraws: a CANCEL one revision up only when a REQUEST went out; everything waiting is superseded', () => {
    expect(decide({ status: S.Sent, sequence: 1 }, EVENTS.withdraw)).toEqual({
      set: { status: S.Withdrawn, withdrawnReason: 'Thay đổi kế hoạch công tác', sequence: 2 },
      supersedes: 'all',
      message: { kind: 'cancellation', method: 'CANCEL', reason: 'Thay đổi kế hoạch công tác' },
      reminders: 'cancel',
    });
    const unsent = decide({ status: S.Queued, sequence: 0 }, { type: 'withdraw', reason: 'Chưa gửi đã thu hồi', delivered: false });
    expect(unsent).toMatchObject({ set: { sequence: 0 }, message: null, supersedes: 'all' });
    expect(refused(() => decide({ status: S.Withdrawn, sequence: 2 }, EVENTS.withdraw))).toMatchObject({ status: 409, code: 'ALREADY_WITHDRAWN' });
  });

  it('approves or refuses a proposed substitute only while one is proposed', () => {
    expect(decide({ status: S.SubstituteProposed, sequence: 0 }, EVENTS['approve-substitute'])).toEqual({
      set: { status: S.Withdrawn, sequence: 1, withdrawnReason: 'Cử đồng chí Nguyễn Văn Bình dự thay' },
      supersedes: 'all',
      message: { kind: 'substituted', method: 'CANCEL', reason: 'Cử đồng chí Nguyễn Văn Bình dự thay' },
      reminders: 'cancel',
    });
    // Refused: back to awaiting the original leader's answer, and a notice (no calendar entry) with the reason.
    expect(decide({ status: S.SubstituteProposed, sequence: 0 }, EVENTS['refuse-substitute'])).toEqual({
      set: { status: S.Sent, substitute: null, answeredAt: null, answeredVia: null, answerComment: null },
      supersedes: null,
      message: { kind: 'notice', method: null, reason: 'Cần đồng chí cấp Thứ trưởng trở lên' },
      reminders: 'keep',
    });
    for (const type of ['approve-substitute', 'refuse-substitute'] as const) {
      expect(refused(() => decide({ status: S.Accepted, sequence: 0 }, EVENTS[type]))).toMatchObject({
        status: 409,
        code: 'NO_SUBSTITUTE_PROPOSED',
        details: { status: S.Accepted },
      });
    }
  });

  it('resends the letter on the same revision (replies on their way stay current), never while it is waiting, never once withdrawn or unanswered for good', () => {
    expect(decide({ status: S.Accepted, sequence: 3 }, EVENTS.resend)).toEqual({
      set: { status: S.Accepted },
      supersedes: 'requests',
      message: { kind: 'invitation', method: 'REQUEST', reason: null },
      reminders: 'keep',
    });
    expect(refused(() => decide({ status: S.Queued, sequence: 0 }, EVENTS.resend))).toMatchObject({
      code: 'INVITATION_SENDING',
      details: { status: S.Queued },
    });
    for (const status of [S.Draft, S.Declined, S.SubstituteProposed, S.Withdrawn]) {
      expect(refused(() => decide({ status, sequence: 0 }, EVENTS.resend))).toMatchObject({ code: 'INVITATION_NOT_RESENDABLE', details: { status } });
    }
  });

  it('follows a reschedule: a new answer is needed, an update to whoever received the letter, a first letter to the others', () => {
    expect(decide({ status: S.Accepted, sequence: 1 }, EVENTS.reschedule)).toEqual({
      set: { status: S.Queued, sequence: 2, answeredAt: null, substitute: null, answerComment: null, rsvpExpiresAt: EXPIRES },
      supersedes: 'requests',
      message: { kind: 'update', method: 'REQUEST', reason: null },
      reminders: 'plan',
    });
    expect(decide({ status: S.Queued, sequence: 0 }, { type: 'reschedule', delivered: false, rsvpExpiresAt: EXPIRES }).message).toEqual({
      kind: 'invitation',
      method: 'REQUEST',
      reason: null,
    });
  });

  it('keeps a pending substitute proposal through a reschedule, and tells the office in the update', () => {
    const change = decide({ status: S.SubstituteProposed, sequence: 1, substitute: SUBSTITUTE }, EVENTS.reschedule);
    expect(change.set).toEqual({ status: S.SubstituteProposed, sequence: 2, rsvpExpiresAt: EXPIRES });
    expect(change.message).toMatchObject({ kind: 'update', method: 'REQUEST' });
    expect(change.message!.reason).toContain('Nguyễn Văn Bình');
    expect(change.message!.reason).toContain('đang được Ban Tổ chức xem xét');
  });

  it('lets the send handler move only a queued invitation to sent, and a failure change nothing', () => {
    expect(decide({ status: S.Queued, sequence: 0 }, EVENTS.sent).set).toEqual({ status: S.Sent });
    expect(decide({ status: S.Queued, sequence: 0 }, EVENTS.failed).set).toEqual({ status: S.Queued });
    expect(refused(() => decide({ status: S.Accepted, sequence: 1 }, EVENTS.sent))).toMatchObject({
      status: 409,
      code: 'INVITATION_TRANSITION_REFUSED',
      details: { status: S.Accepted, event: 'sent' },
    });
  });

  describe('a programme change', () => {
    it('is the same calendar entry one revision up: the answer, a pending proposal and the reminders stand', () => {
      for (const status of [S.Queued, S.Sent, S.Accepted, S.Tentative]) {
        expect(decide({ status, sequence: 2, substitute: null }, EVENTS['programme-update'])).toEqual({
          set: { status, sequence: 3 },
          supersedes: 'requests',
          message: { kind: 'programme-update', method: 'REQUEST', reason: null },
          reminders: 'keep',
        });
      }
      // A pending proposal stays, and the office is told it is still being considered.
      const pending = decide({ status: S.SubstituteProposed, sequence: 2, substitute: SUBSTITUTE }, EVENTS['programme-update']);
      expect(pending.set).toEqual({ status: S.SubstituteProposed, sequence: 3 });
      expect(pending.message!.reason).toContain('Nguyễn Văn Bình');
      expect(pending.message!.reason).toContain('đang được Ban Tổ chức xem xét');
    });

    it('raises SEQUENCE by one per update e-mail, whatever the revision', () => {
      let sequence = 0;
      for (let update = 1; update <= 3; update += 1) {
        sequence = decide({ status: S.Accepted, sequence }, EVENTS['programme-update']).set.sequence!;
        expect(sequence).toBe(update);
      }
    });

    it('reaches only delegates who hold the entry: not a declined one, not a withdrawn one (the deputy holds their own), not an unsent draft', () => {
      expect(refused(() => decide({ status: S.Declined, sequence: 1 }, EVENTS['programme-update']))).toMatchObject({
        code: 'INVITATION_TRANSITION_REFUSED',
        details: { status: S.Declined, event: 'programme-update' },
      });
      const who = (status: S) => needsProgrammeUpdate({ status, delivered: true, requestWaiting: false });
      expect(ALL.filter(who)).toEqual([S.Queued, S.Sent, S.Accepted, S.SubstituteProposed, S.Tentative]);
      expect(who(S.Declined)).toBe(false);
      expect(who(S.Withdrawn)).toBe(false);
      expect(who(S.Draft)).toBe(false);
    });

    it('sends nothing to a delegate who never received the letter (its first letter, when it goes, shows the programme)', () => {
      expect(needsProgrammeUpdate({ status: S.Queued, delivered: false, requestWaiting: true })).toBe(false);
      expect(needsProgrammeUpdate({ status: S.Queued, delivered: false, requestWaiting: false })).toBe(false);
    });

    it('coalesces: a letter of the current revision still waiting absorbs the edit (several quick edits, one e-mail)', () => {
      expect(needsProgrammeUpdate({ status: S.Accepted, delivered: true, requestWaiting: true })).toBe(false);
      expect(needsProgrammeUpdate({ status: S.Accepted, delivered: true, requestWaiting: false })).toBe(true);
    });
  });
});
