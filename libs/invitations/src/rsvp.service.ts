import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ICAL from 'ical.js';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AfterCommit, BusinessRuleError, inTransaction, instantToLocalDate, instantToLocalTime, type NotificationCause, Notifier } from '@app/common';
import { AppConfig } from '@app/config';
import { leaderByOfficeEmail } from '@app/leaders';
import { InvitationsService } from './invitations.service';
import { RsvpAnswerDto } from './dto/invitation.dto';
import { RsvpAnswer } from './invitation.enums';
import type { CalendarReplyOutcome } from './dto/invitation-view.dto';
import { Invitation, InvitationReply, ProposedSubstitute } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { ANSWERED_STATUSES, answerEvent, assertCan, ENDED_STATUSES, InvalidLinkError, InvitationEvent, UNSENT_STATUSES } from './invitation-workflow';
import { eventOfPartstat, senderPassed } from './invitation-rules';
import { TOKEN_PATTERN, tokenHash } from './links';
import type { RsvpPageView } from './rendering/rendering.types';
import { renderRsvpPage } from './rendering/templates';

const ANSWER_NOTICES: Record<RsvpAnswer, string> = {
  accept: 'Cảm ơn đồng chí. Ban Tổ chức đã ghi nhận đồng chí sẽ tham dự.',
  decline: 'Ban Tổ chức đã ghi nhận đồng chí không tham dự được. Trân trọng cảm ơn.',
  substitute: 'Ban Tổ chức đã ghi nhận đề xuất cử người dự thay và sẽ thông báo lại sau khi xem xét.',
};

/** The answers people are told of (a tentative answer waits for a firm one). */
const NOTIFIED_ANSWERS: Partial<Record<ReturnType<typeof answerEvent> | 'tentative', 'accepted' | 'declined' | 'substitute_proposed'>> = {
  accept: 'accepted',
  decline: 'declined',
  'propose-substitute': 'substitute_proposed',
};

/**
 * What delegates do without an account: answer through their RSVP link, answer from their calendar
 * (an iTIP REPLY relayed by the inbound-mail hook). (Their calendar feed: CalendarFeedsService.)
 * The last answer stands; every answer is audited.
 */
@Injectable()
export class RsvpService {
  private readonly logger = new Logger('Rsvp');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InvitationComposer,
    private readonly invitations: InvitationsService,
    private readonly config: AppConfig,
    private readonly notifier: Notifier,
  ) {}

  /** The page of a valid link, or null (the caller answers with the same refusal for every bad link). */
  async page(token: string): Promise<string | null> {
    const invitation = await this.findByToken(this.dataSource.manager, token);
    return invitation ? renderRsvpPage(await this.pageView(invitation, token)) : null;
  }

  /** Whether a link may still be answered through (the RSVP form checks this before reading a body). */
  async isLiveLink(token: string): Promise<boolean> {
    return (await this.findByToken(this.dataSource.manager, token)) !== null;
  }

  async answer(token: string, input: RsvpAnswerDto): Promise<string> {
    const invitation = await inTransaction(this.dataSource, async (manager, afterCommit) => {
      const found = await this.findByToken(manager, token, true);
      if (!found) throw new InvalidLinkError();
      const substitute =
        input.answer === RsvpAnswer.Substitute
          ? await this.proposedSubstitute(manager, input.substituteName!, input.substitutePosition!, input.substituteEmail!, input.substitutePhone ?? null)
          : null;
      return this.record(manager, found, answerEvent(input.answer), 'rsvp', { substitute, comment: input.note ?? null }, afterCommit);
    });
    return renderRsvpPage({ ...(await this.pageView(invitation, token)), notice: ANSWER_NOTICES[input.answer] });
  }

  /** The page again with what was wrong under each field and what was typed kept; null for a bad link. Nothing is recorded. */
  async pageWithErrors(token: string, errors: Record<string, string>, values: Record<string, string>): Promise<string | null> {
    const invitation = await this.findByToken(this.dataSource.manager, token);
    if (!invitation) return null;
    return renderRsvpPage({ ...(await this.pageView(invitation, token)), errors, values });
  }

  /**
   * Records a calendar client's REPLY (RFC 5546), as Outlook, Gmail or Apple Calendar send it, relayed by
   * the inbound-mail hook with the relay's authentication result. Matched by UID, attendee (whichever
   * ATTENDEE line is the invited one) and SEQUENCE, while the invitation's links are valid. ACCEPTED,
   * DECLINED and TENTATIVE are answers; DELEGATED with DELEGATED-TO is a substitute proposal, as from the
   * RSVP page. A reply older than the last one recorded (SEQUENCE, then DTSTAMP) is kept but changes
   * nothing; the same reply twice is recorded once. Everything refused is logged and changes nothing.
   */
  async calendarReply(body: string, authenticationResults: string | undefined): Promise<CalendarReplyOutcome> {
    const reply = parseReply(body);
    if (!reply) {
      this.logger.warn('calendar reply refused: not an iTIP REPLY with one event and an attendee');
      throw new BusinessRuleError('INVALID_CALENDAR_REPLY', 'Nội dung không phải là thư trả lời lịch (METHOD:REPLY) hợp lệ.', undefined, 400);
    }
    const outcome = await inTransaction(this.dataSource, async (manager, afterCommit) => {
      const invitation = await manager.findOne(Invitation, { where: { uid: reply.uid }, lock: { mode: 'pessimistic_write' } });
      const attendee = invitation && reply.attendees.find((line) => line.address === invitation.delegateEmail);
      if (!invitation || !attendee) {
        const attendees = reply.attendees.map((line) => line.address);
        this.logger.warn({ uid: reply.uid, attendees }, 'calendar reply refused: unknown UID or attendee');
        // The planners hear of it (grouped per day): a delegate may be answering from another address.
        await this.notifier.notify(manager, { kind: 'calendar_reply_unmatched', uid: reply.uid, attendees }, afterCommit);
        return null;
      }
      const senderAuthenticated = senderPassed(authenticationResults, attendee.address);
      if (!senderAuthenticated && this.config.INBOUND_REQUIRE_SENDER_AUTH) {
        this.logger.warn({ uid: reply.uid, authenticationResults: authenticationResults ?? null }, 'calendar reply refused: DKIM/DMARC not passed');
        throw new BusinessRuleError(
          'SENDER_NOT_AUTHENTICATED',
          'Thư trả lời không được xác thực (DKIM/DMARC) nên không được ghi nhận.',
          { authenticationResults: authenticationResults ?? null },
          403,
        );
      }
      if (UNSENT_STATUSES.includes(invitation.status) || invitation.rsvpExpiresAt.getTime() < Date.now()) {
        this.logger.warn({ uid: reply.uid }, 'calendar reply refused: the invitation is not sent or its links have expired');
        throw new BusinessRuleError('REPLY_LINKS_EXPIRED', 'Lời mời này chưa gửi hoặc đã hết hạn trả lời.', undefined, 409);
      }
      const sequence = reply.sequence ?? 0;
      if (sequence > invitation.sequence) {
        this.logger.warn({ uid: reply.uid, sequence, sent: invitation.sequence }, 'calendar reply refused: SEQUENCE never sent');
        throw new BusinessRuleError(
          'UNKNOWN_SEQUENCE',
          'Thư trả lời mang số phiên bản (SEQUENCE) chưa từng được gửi.',
          { sequence, current: invitation.sequence },
          422,
        );
      }
      if (sequence < invitation.sequence) {
        throw new BusinessRuleError('STALE_CALENDAR_REPLY', 'Thư trả lời ứng với một phiên bản lời mời cũ.', { sequence, current: invitation.sequence }, 409);
      }
      const event = eventOfPartstat(attendee.partstat);
      if (!event) {
        throw new BusinessRuleError(
          'UNSUPPORTED_PARTSTAT',
          `Trạng thái trả lời "${attendee.partstat}" không được ghi nhận.`,
          { partstat: attendee.partstat },
          422,
        );
      }
      if (event === 'propose-substitute' && !attendee.delegatedTo) {
        throw new BusinessRuleError('DELEGATED_TO_MISSING', 'Thư ủy quyền (DELEGATED) không nêu người được cử (DELEGATED-TO).', undefined, 422);
      }
      assertCan(invitation.status, event);
      const stamp = reply.stamp ?? new Date();
      const older =
        (invitation.lastReplySequence !== null &&
          (sequence < invitation.lastReplySequence ||
            (sequence === invitation.lastReplySequence && invitation.lastReplyStamp !== null && stamp.getTime() <= invitation.lastReplyStamp.getTime()))) ||
        (invitation.answeredVia === 'rsvp' && invitation.answeredAt !== null && stamp.getTime() < invitation.answeredAt.getTime());
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(InvitationReply)
        .values({
          invitationId: invitation.id,
          attendee: attendee.address,
          sequence,
          stamp,
          partstat: attendee.partstat,
          delegatedTo: attendee.delegatedTo,
          comment: reply.comment,
          authenticationResults: authenticationResults?.slice(0, 2000) ?? null,
          senderAuthenticated,
          outcome: older ? 'older' : 'applied',
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return { invitationId: invitation.id, status: invitation.status, outcome: 'duplicate' as const };
      if (older) {
        this.logger.log({ uid: reply.uid, sequence, stamp }, 'calendar reply older than the last answer: recorded, not applied');
        return { invitationId: invitation.id, status: invitation.status, outcome: 'older' as const };
      }
      invitation.lastReplySequence = sequence;
      invitation.lastReplyStamp = stamp;
      const substitute =
        event === 'propose-substitute'
          ? await this.proposedSubstitute(
              manager,
              reply.attendees.find((line) => line.address === attendee.delegatedTo)?.name ?? attendee.delegatedTo!,
              'Người được ủy quyền từ lịch điện tử (chưa rõ chức vụ)',
              attendee.delegatedTo!,
              null,
            )
          : null;
      const saved = await this.record(manager, invitation, event, 'calendar', { substitute, comment: reply.comment }, afterCommit);
      return { invitationId: saved.id, status: saved.status, outcome: 'applied' as const };
    });
    if (!outcome) throw new BusinessRuleError('UNKNOWN_CALENDAR_REPLY', 'Không tìm thấy lời mời khớp với UID và người được mời.', undefined, 422);
    return outcome;
  }

  /**
   * Records a delegate's answer through the invitation's workflow (the last answer stands), and tells
   * those who need to know in the same transaction (an answer repeated without change tells nobody again).
   */
  private async record(
    manager: EntityManager,
    invitation: Invitation,
    type: ReturnType<typeof answerEvent> | 'tentative',
    via: 'rsvp' | 'calendar',
    { substitute, comment }: { substitute: ProposedSubstitute | null; comment: string | null },
    afterCommit: AfterCommit,
  ): Promise<Invitation> {
    const at = new Date();
    const event: InvitationEvent = type === 'propose-substitute' ? { type, via, at, substitute: substitute!, comment } : { type, via, at, comment };
    const before = invitation.status;
    const saved = await this.invitations.applyEvent(manager, invitation, event, afterCommit, {
      actor: { id: '00000000-0000-0000-0000-000000000000', email: `${via}:${invitation.delegateEmail}` },
      action: 'transition',
      note:
        (via === 'rsvp' ? 'Trả lời qua liên kết xác nhận' : 'Trả lời từ ứng dụng lịch') +
        (substitute ? `: đề nghị cử đồng chí ${substitute.name} (${substitute.position}, ${substitute.email}) dự thay` : ''),
    });
    const answer = NOTIFIED_ANSWERS[type];
    if (answer && (before !== saved.status || substitute)) {
      const cause: NotificationCause = {
        kind: 'invitation_answered',
        invitationId: saved.id,
        venueId: saved.venueId,
        answer,
        delegateName: saved.delegateName,
        substitute: substitute ? { name: substitute.name, position: substitute.position } : null,
        comment,
      };
      await this.notifier.notify(manager, cause, afterCommit);
    }
    return saved;
  }

  /** A proposed deputy, linked to the registered leader they are when their office e-mail (and name) says so. */
  private async proposedSubstitute(manager: EntityManager, name: string, position: string, email: string, phone: string | null): Promise<ProposedSubstitute> {
    const address = email.trim().toLowerCase();
    return { name: name.trim(), position: position.trim(), email: address, phone, leaderId: await leaderByOfficeEmail(manager, address, name) };
  }

  /**
   * The deputy who attends instead of this invitation's delegate, once a planner approved them (a
   * successor invitation exists): their name and position as the office proposed them — what the link's
   * holder typed or was told — and nothing of the deputy's own invitation (no contact, no link).
   */
  private async approvedDeputy(invitation: Invitation): Promise<{ name: string; position: string } | null> {
    if (!invitation.substitute) return null;
    const approved = await this.dataSource.manager.exists(Invitation, { where: { substituteFor: invitation.id } });
    return approved ? { name: invitation.substitute.name, position: invitation.substitute.position } : null;
  }

  private async findByToken(manager: EntityManager, token: string, lock = false): Promise<Invitation | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const invitation = await manager.findOne(Invitation, {
      where: { rsvpTokenHash: tokenHash(token), status: Not(In([...UNSENT_STATUSES])) },
      ...(lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
    if (!invitation || invitation.rsvpExpiresAt.getTime() < Date.now()) return null;
    return invitation;
  }

  private async pageView(invitation: Invitation, token: string): Promise<RsvpPageView> {
    const { venue, province, edition } = await this.composer.load(this.dataSource.manager, invitation.id);
    const answered = ANSWERED_STATUSES.includes(invitation.status);
    const ended = ENDED_STATUSES.includes(invitation.status);
    return {
      state: ended ? 'withdrawn' : answered ? 'answered' : 'open',
      replacedBy: ended ? await this.approvedDeputy(invitation) : null,
      invitation: {
        delegateName: invitation.delegateName,
        venueName: venue.name,
        address: `${venue.address}, ${venue.communeName}`,
        provinceName: province.name,
        date: venue.startsAt ? instantToLocalDate(venue.startsAt) : '',
        startTime: venue.startsAt ? instantToLocalTime(venue.startsAt) : '',
        endTime: venue.endsAt ? instantToLocalTime(venue.endsAt) : '',
        editionYear: edition.year,
        answer: answered ? invitation.status : null,
      },
      actionUrl: `/api/rsvp/${token}`,
    };
  }
}

interface ReplyAttendee {
  address: string;
  name: string | null;
  partstat: string;
  delegatedTo: string | null;
}

interface ParsedReply {
  uid: string;
  attendees: ReplyAttendee[];
  sequence: number | null;
  stamp: Date | null;
  comment: string | null;
}

/**
 * Reads an iTIP REPLY (RFC 5546) with ical.js: METHOD, the event's UID, SEQUENCE, DTSTAMP and COMMENT,
 * and every ATTENDEE line (a delegating client such as Outlook writes the delegator and the delegate,
 * in either order).
 */
export function parseReply(body: string): ParsedReply | null {
  try {
    const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
    if (String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase() !== 'REPLY') return null;
    const event = calendar.getFirstSubcomponent('vevent');
    const uid = event?.getFirstPropertyValue('uid');
    const lines = event?.getAllProperties('attendee') ?? [];
    if (!event || !uid || lines.length === 0) return null;
    const sequence = event.getFirstPropertyValue('sequence');
    const stamp = event.getFirstPropertyValue('dtstamp');
    const comment = event.getFirstPropertyValue('comment');
    return {
      uid: String(uid),
      attendees: lines.map((line) => {
        const delegatedTo = line.getParameter('delegated-to');
        const name = line.getParameter('cn');
        return {
          address: mailtoAddress(line.getFirstValue()),
          name: typeof name === 'string' && name.trim() ? name.trim() : null,
          partstat: String(line.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase(),
          delegatedTo: delegatedTo ? mailtoAddress(Array.isArray(delegatedTo) ? delegatedTo[0] : delegatedTo) : null,
        };
      }),
      sequence: sequence === null || sequence === undefined ? null : Number(sequence),
      stamp: stamp instanceof ICAL.Time ? stamp.toJSDate() : null,
      comment: comment === null || comment === undefined ? null : String(comment).slice(0, 2000),
    };
  } catch {
    return null;
  }
}

function mailtoAddress(value: unknown): string {
  return String(value)
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
}
