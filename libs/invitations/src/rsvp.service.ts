import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ICAL from 'ical.js';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AfterCommit, BusinessRuleError, inTransaction, instantToLocalDate, instantToLocalTime } from '@app/common';
import { InvitationsService } from './invitations.service';
import { RsvpAnswerDto } from './dto/invitation.dto';
import { RsvpAnswer } from './invitation.enums';
import type { CalendarReplyOutcome } from './dto/invitation-view.dto';
import { Invitation } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { answerOfPartstat } from './invitation-rules';
import { ANSWERED_STATUSES, answerEvent, ENDED_STATUSES, InvalidLinkError, UNSENT_STATUSES } from './invitation-workflow';
import { TOKEN_PATTERN, tokenHash } from './links';
import type { RsvpPageView } from './rendering/rendering.types';
import { renderRsvpPage } from './rendering/templates';

const ANSWER_NOTICES: Record<RsvpAnswer, string> = {
  accept: 'Cảm ơn đồng chí. Ban Tổ chức đã ghi nhận đồng chí sẽ tham dự.',
  decline: 'Ban Tổ chức đã ghi nhận đồng chí không tham dự được. Trân trọng cảm ơn.',
  substitute: 'Ban Tổ chức đã ghi nhận đề xuất cử người dự thay và sẽ thông báo lại sau khi xem xét.',
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
  ) {}

  /** The page of a valid link, or null (the caller answers with the same refusal for every bad link). */
  async page(token: string): Promise<string | null> {
    const invitation = await this.findByToken(this.dataSource.manager, token);
    return invitation ? renderRsvpPage(await this.pageView(invitation, token)) : null;
  }

  async answer(token: string, input: RsvpAnswerDto): Promise<string> {
    const invitation = await inTransaction(this.dataSource, async (manager, afterCommit) => {
      const found = await this.findByToken(manager, token, true);
      if (!found) throw new InvalidLinkError();
      const substitute =
        input.answer === RsvpAnswer.Substitute
          ? { name: input.substituteName!.trim(), position: input.substitutePosition!.trim(), contact: input.substituteContact!.trim() }
          : null;
      return this.record(manager, found, input.answer, 'rsvp', substitute, afterCommit);
    });
    return renderRsvpPage({ ...(await this.pageView(invitation, token)), notice: ANSWER_NOTICES[input.answer] });
  }

  /** Records a calendar client's REPLY. Unknown UIDs or attendees are refused and logged, never applied. */
  async calendarReply(body: string): Promise<CalendarReplyOutcome> {
    const reply = parseReply(body);
    if (!reply) {
      this.logger.warn('calendar reply refused: not an iTIP REPLY with one event and an attendee');
      throw new BusinessRuleError('INVALID_CALENDAR_REPLY', 'Nội dung không phải là thư trả lời lịch (METHOD:REPLY) hợp lệ.', undefined, 400);
    }
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const invitation = await manager.findOne(Invitation, { where: { uid: reply.uid }, lock: { mode: 'pessimistic_write' } });
      if (!invitation || invitation.delegateEmail !== reply.attendee) {
        this.logger.warn({ uid: reply.uid, attendee: reply.attendee }, 'calendar reply refused: unknown UID or attendee');
        throw new BusinessRuleError('UNKNOWN_CALENDAR_REPLY', 'Không tìm thấy lời mời khớp với UID và người được mời.', undefined, 422);
      }
      const answer = answerOfPartstat(reply.partstat);
      if (!answer) {
        throw new BusinessRuleError('UNSUPPORTED_PARTSTAT', `Trạng thái trả lời "${reply.partstat}" không được ghi nhận.`, { partstat: reply.partstat }, 422);
      }
      if (reply.sequence !== null && reply.sequence < invitation.sequence) {
        throw new BusinessRuleError(
          'STALE_CALENDAR_REPLY',
          'Thư trả lời ứng với một phiên bản lời mời cũ.',
          { sequence: reply.sequence, current: invitation.sequence },
          409,
        );
      }
      const saved = await this.record(manager, invitation, answer, 'calendar', null, afterCommit);
      return { invitationId: saved.id, status: saved.status };
    });
  }

  /** Records a delegate's answer through the invitation's workflow (the last answer stands). */
  private async record(
    manager: EntityManager,
    invitation: Invitation,
    answer: RsvpAnswer,
    via: 'rsvp' | 'calendar',
    substitute: Invitation['substitute'],
    afterCommit: AfterCommit,
  ): Promise<Invitation> {
    const type = answerEvent(answer);
    const at = new Date();
    const event = type === 'propose-substitute' ? { type, via, at, substitute: substitute! } : { type, via, at };
    return this.invitations.applyEvent(manager, invitation, event, afterCommit, {
      actor: { id: '00000000-0000-0000-0000-000000000000', email: `${via}:${invitation.delegateEmail}` },
      action: 'transition',
      note: via === 'rsvp' ? 'Trả lời qua liên kết xác nhận' : 'Trả lời từ ứng dụng lịch',
    });
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
    return {
      state: ENDED_STATUSES.includes(invitation.status) ? 'withdrawn' : answered ? 'answered' : 'open',
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

interface ParsedReply {
  uid: string;
  attendee: string;
  partstat: string;
  sequence: number | null;
}

/** Reads an iTIP REPLY (RFC 5546) with ical.js: METHOD, the event's UID and SEQUENCE, the replying attendee. */
export function parseReply(body: string): ParsedReply | null {
  try {
    const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
    if (String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase() !== 'REPLY') return null;
    const event = calendar.getFirstSubcomponent('vevent');
    const attendee = event?.getFirstProperty('attendee');
    const uid = event?.getFirstPropertyValue('uid');
    if (!event || !attendee || !uid) return null;
    const address = String(attendee.getFirstValue())
      .replace(/^mailto:/i, '')
      .trim()
      .toLowerCase();
    const sequence = event.getFirstPropertyValue('sequence');
    return {
      uid: String(uid),
      attendee: address,
      partstat: String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION'),
      sequence: sequence === null || sequence === undefined ? null : Number(sequence),
    };
  } catch {
    return null;
  }
}
