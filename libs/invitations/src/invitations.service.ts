import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import { canSeeVenueLeaders } from '@app/auth';
import type { Actor } from '@app/auth';
import {
  AfterCommit,
  BusinessRuleError,
  foldedMatch,
  foldedSearchPattern,
  ForbiddenError,
  formatVietnameseDate,
  inTransaction,
  instantToLocalDate,
  instantToLocalTime,
  lockForUpdate,
  NotFoundError,
  Page,
  passQrPng,
  queryRows,
  toPage,
} from '@app/common';
import { AppConfig } from '@app/config';
import { activeAssignmentsAtVenues, AssignmentEvents, AssignmentRemoval, AssignmentsService, invitableLeader, leaderByOfficeEmail } from '@app/leaders';
import { ProgrammeChange, ProgrammeEvents } from '@app/programmes';
import { JobProducer } from '@app/queue';
import { ReminderScheduler } from '@app/reminders';
import {
  lockVenueForUpdate,
  scheduledVenueIdsOfEdition,
  VenueChange,
  VenueEvents,
  VenueInvitationFacts,
  VenuesService,
  VenueStatus,
  venueStarts,
} from '@app/venues';
import { CreateInvitationDto, InvitationCountQueryDto, InvitationQueryDto } from './dto/invitation.dto';
import type { ComposedMessage } from './dto/composed-message.dto';
import {
  BulkInvitationResult,
  InvitationHistoryEntry,
  InvitationStatusCount,
  InvitationSummary,
  InvitationView,
  SubstituteApproval,
  toSummary,
  VenueInvitationAnswer,
} from './dto/invitation-view.dto';
import { CalendarFeedsService } from './feeds/calendar-feeds.service';
import { Invitation, InvitationMessage, InvitationStatus, MessageStatus } from './invitation.entities';
import type { InvitationChange } from './invitation-workflow';
import { InvitationComposer } from './invitation-composer';
import { INVITATION_HISTORY_NAMES, INVITATION_STATUS_NAMES, INVITATION_STATUSES, InvitationHistoryKind, MESSAGE_KIND_NAMES } from './invitation.enums';
import { rsvpExpiry } from './invitation-rules';
import {
  ANSWERED_STATUSES,
  assertCan,
  decide,
  ENDED_STATUSES,
  InvitationEvent,
  LIVE_STATUSES,
  needsProgrammeUpdate,
  refusal,
  statusesAllowing,
} from './invitation-workflow';
import { issueLetterNumber } from './letter/letter-numbers';
import { linkToken, tokenHash } from './links';
import { PASS_QR_CID, SendInvitationMessageJob } from './send-invitation-message.handler';

const INVITATION = 'lời mời';

/** What `?q=` reads, exactly as the trigram index `invitations_search_idx` (migration FoldedSearch) folds it. */
const INVITATION_SEARCH_TEXT = `invitation.delegate_name || ' ' || COALESCE(invitation.delegate_title, '')`;

/**
 * Invitations from creation to withdrawal: records every change with its audit entry and the e-mail
 * it implies (an `invitation_messages` row) in one transaction, then enqueues the send after commit.
 * The API never sends mail itself.
 */
@Injectable()
export class InvitationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venueEvents: VenueEvents,
    private readonly assignmentEvents: AssignmentEvents,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    private readonly composer: InvitationComposer,
    private readonly reminders: ReminderScheduler,
    private readonly assignments: AssignmentsService,
    private readonly venues: VenuesService,
    private readonly feeds: CalendarFeedsService,
    private readonly programmeEvents: ProgrammeEvents,
  ) {}

  onModuleInit(): void {
    this.venueEvents.subscribe((manager, change, afterCommit) => this.followVenue(manager, change, afterCommit));
    this.programmeEvents.subscribe((manager, change, afterCommit) => this.followProgramme(manager, change, afterCommit));
    this.assignmentEvents.subscribe((manager, removal, afterCommit) => this.followUnassignment(manager, removal, afterCommit));
    this.reminders.followPolicy((manager, afterCommit, editionId) => this.replanEditionReminders(manager, afterCommit, editionId));
  }

  /** The edition's reminder policy changed: every live invitation's reminders follow it. */
  private async replanEditionReminders(manager: EntityManager, afterCommit: AfterCommit, editionId: string): Promise<void> {
    const live = await manager.find(Invitation, {
      select: { id: true, venueId: true, delegateEmail: true, delegateName: true },
      where: { editionId, status: In([...LIVE_STATUSES]) },
    });
    const starts = await venueStarts(
      manager,
      live.map((invitation) => invitation.venueId),
    );
    for (const invitation of live) {
      const eventStart = starts.get(invitation.venueId);
      if (!eventStart) continue;
      await this.reminders.planForDelegate(manager, afterCommit, {
        invitationId: invitation.id,
        editionId,
        recipientEmail: invitation.delegateEmail,
        recipientName: invitation.delegateName,
        eventStart,
      });
    }
  }

  async create(input: CreateInvitationDto, actor: Actor): Promise<InvitationSummary> {
    return toSummary(await inTransaction(this.dataSource, async (manager) => this.createDraft(manager, input, actor)));
  }

  /** Queues the first e-mail of a draft invitation. */
  async send(id: string, actor: Actor): Promise<InvitationSummary> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const invitation = await lockForUpdate(manager, Invitation, id, undefined, INVITATION);
      assertCan(invitation.status, 'send');
      // The venue may have moved since the draft was made: the link lives until after its current date.
      const venue = await this.lockScheduledVenue(manager, invitation.venueId);
      invitation.rsvpExpiresAt = rsvpExpiry(venue.endsAt!, this.config.RSVP_GRACE_HOURS);
      return toSummary(await this.queueFirstMessage(manager, invitation, actor, afterCommit));
    });
  }

  /** Invites every leader assigned to a scheduled venue of the edition who has no live invitation yet. */
  async inviteAssigned(editionId: string, actor: Actor): Promise<BulkInvitationResult> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      // Scheduled venues by date and name (venues), the active leaders assigned to them (leaders), and
      // which of those already hold an invitation that has not ended (ours).
      // One bulk send of an edition at a time: a second one started meanwhile waits, then finds the
      // first one's invitations and skips them (instead of colliding with them on a venue's lock).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`invite-assigned:${editionId}`]);
      const venueIds = await scheduledVenueIdsOfEdition(manager, editionId);
      if (venueIds.length === 0) return { created: 0, alreadyInvited: 0, invitationIds: [] };
      const order = new Map(venueIds.map((venueId, index) => [venueId, index]));
      const assignments = (await activeAssignmentsAtVenues(manager, venueIds)).sort((a, b) => order.get(a.venueId)! - order.get(b.venueId)!);
      const standing = await manager.find(Invitation, {
        select: { venueId: true, leaderId: true },
        where: { venueId: In(venueIds), leaderId: Not(IsNull()), status: Not(In([...ENDED_STATUSES])) },
      });
      const invited = new Set(standing.map((invitation) => `${invitation.venueId}|${invitation.leaderId}`));
      // Every draft first (each locks its venue), then the letters: a letter takes the edition's number
      // counter, held to commit, and no venue lock may be awaited while holding it (letter-numbers.ts).
      const drafts: Invitation[] = [];
      for (const assignment of assignments.filter((row) => !invited.has(`${row.venueId}|${row.leaderId}`))) {
        drafts.push(await this.createDraft(manager, { venueId: assignment.venueId, leaderId: assignment.leaderId, role: assignment.role }, actor));
      }
      const ids: string[] = [];
      for (const draft of drafts) {
        await this.queueFirstMessage(manager, draft, actor, afterCommit);
        ids.push(draft.id);
      }
      return { created: ids.length, alreadyInvited: assignments.length - ids.length, invitationIds: ids };
    });
  }

  async withdraw(id: string, reason: string, actor: Actor): Promise<InvitationSummary> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const invitation = await lockForUpdate(manager, Invitation, id, undefined, INVITATION);
      return toSummary(await this.withdrawLocked(manager, invitation, 'withdraw', reason, actor, afterCommit));
    });
  }

  /**
   * Sends the invitation e-mail again, e.g. when a leader's office cannot find it: the full letter
   * with the same calendar entry one revision up (calendars update it in place). Only an invitation
   * that went out and still stands; while one is waiting to go, another would only duplicate it.
   */
  async resend(id: string, actor: Actor): Promise<InvitationSummary> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const invitation = await lockForUpdate(manager, Invitation, id, undefined, INVITATION);
      return toSummary(await this.applyEvent(manager, invitation, { type: 'resend' }, afterCommit, { actor, action: 'update', note: 'Gửi lại thư mời' }));
    });
  }

  /** Sends again the messages of an invitation that failed for good (after every retry). */
  async retryFailed(id: string, actor: Actor): Promise<InvitationView> {
    const messages = await this.dataSource.transaction(async (manager) => {
      await lockForUpdate(manager, Invitation, id, undefined, INVITATION);
      const failed = await manager.find(InvitationMessage, { where: { invitationId: id, status: MessageStatus.Failed } });
      if (failed.length === 0) throw new BusinessRuleError('NOTHING_TO_RETRY', 'Không có thư gửi lỗi cần gửi lại.', undefined, 409);
      await manager.update(InvitationMessage, { id: In(failed.map((message) => message.id)) }, { status: MessageStatus.Pending, lastError: null });
      await this.audit.record(manager, { actor, entityType: 'invitation', entityId: id, action: 'update', note: `Gửi lại ${failed.length} thư lỗi` });
      return failed;
    });
    for (const message of messages) await this.producer.requeue(SendInvitationMessageJob, { messageId: message.id });
    return this.get(id);
  }

  /**
   * Approves a proposed substitute, in one transaction: the original attendee gets a CANCEL of their
   * calendar entry saying who attends instead (their reminders end), the deputy a new invitation of
   * their own (own UID, RSVP link, reminders), and the original leader's assignment to the venue ends
   * (the deputy's begins when they are a registered leader, checked like any assignment: a clash is a
   * 409 before anything is written). The venue is locked first, as a cancellation or reschedule does,
   * so the two cannot cross; a second approval (a double click, two planners) finds the first one's
   * result and answers it again, creating nothing.
   */
  async approveSubstitute(id: string, actor: Actor): Promise<SubstituteApproval> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const found = await manager.findOne(Invitation, { select: { id: true, venueId: true }, where: { id } });
      if (!found) throw new NotFoundError(INVITATION, id);
      const venue = await lockVenueForUpdate(manager, found.venueId);
      const original = await lockForUpdate(manager, Invitation, id, undefined, INVITATION);
      if (original.status !== InvitationStatus.SubstituteProposed || !original.substitute) {
        const successor = await manager.findOneBy(Invitation, { substituteFor: original.id });
        if (successor) return { withdrawn: toSummary(original), substitute: toSummary(successor) };
        if (original.status === InvitationStatus.Withdrawn) {
          throw venue?.status === VenueStatus.Cancelled
            ? new BusinessRuleError('VENUE_CANCELLED', 'Điểm tổ chức đã bị hủy; không thể chấp thuận người dự thay.', { venueId: original.venueId }, 409)
            : new BusinessRuleError(
                'INVITATION_WITHDRAWN',
                'Lời mời đã được thu hồi; không thể chấp thuận người dự thay.',
                { reason: original.withdrawnReason },
                409,
              );
        }
        throw refusal('approve-substitute', original.status);
      }
      const { name, position, email } = original.substitute;
      if (!email) {
        throw new BusinessRuleError('SUBSTITUTE_EMAIL_REQUIRED', 'Cần địa chỉ e-mail của người được cử thay để gửi giấy mời.', undefined, 409);
      }
      await this.lockScheduledVenue(manager, original.venueId);
      const leaderId = await leaderByOfficeEmail(manager, email, name);
      if (leaderId && leaderId === original.leaderId) {
        throw new BusinessRuleError('SUBSTITUTE_IS_INVITEE', 'Người được đề nghị dự thay chính là người đã được mời.', { leaderId }, 409);
      }
      const note = `Chấp thuận đồng chí ${name} (${position}) dự thay`;
      // The clash check comes first: a refusal leaves the proposal and the assignments as they were.
      await this.assignments.handOver(
        manager,
        { venueId: original.venueId, fromLeaderId: original.leaderId, toLeaderId: leaderId, role: original.role, note },
        actor,
      );
      const reason = `Theo đề nghị của cơ quan, đồng chí ${name}, ${position} sẽ dự thay.`;
      const withdrawn = await this.withdrawLocked(manager, original, 'approve-substitute', reason, actor, afterCommit, note);
      const draft = await this.createDraft(
        manager,
        leaderId
          ? { venueId: original.venueId, leaderId, role: original.role }
          : { venueId: original.venueId, delegate: { name, title: position, email }, role: original.role },
        actor,
        original.id,
      );
      const substitute = await this.queueFirstMessage(manager, draft, actor, afterCommit);
      return { withdrawn: toSummary(withdrawn), substitute: toSummary(substitute) };
    });
  }

  /** Refuses a proposed substitute: the office is told why (an e-mail), and the original leader's answer is awaited again. */
  async refuseSubstitute(id: string, reason: string, actor: Actor): Promise<InvitationSummary> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const invitation = await lockForUpdate(manager, Invitation, id, undefined, INVITATION);
      const note = `Không chấp thuận người dự thay: ${reason}`;
      return toSummary(await this.applyEvent(manager, invitation, { type: 'refuse-substitute', reason }, afterCommit, { actor, action: 'transition', note }));
    });
  }

  /**
   * Who is invited to a venue and what they answered, for everyone who may see its leaders (planners
   * and the organizers of its province; not viewers, who get no leaders' movements): names, titles, answers, the note with the answer (arrival
   * details), a proposed substitute's name and position. Never a contact: e-mails and phones stay with planners.
   */
  async answersOfVenue(venueId: string, actor: Actor): Promise<VenueInvitationAnswer[]> {
    const venue = await this.venues.getReadable(venueId, actor);
    if (!canSeeVenueLeaders(actor, venue.provinceCode)) {
      throw new ForbiddenError('Thông tin lãnh đạo dự chỉ dành cho người có trách nhiệm.', 'NEED_TO_KNOW');
    }
    const invitations = await this.dataSource.manager.find(Invitation, {
      where: { venueId, status: Not(In([...ENDED_STATUSES, ...statusesAllowing('send')])) },
      order: { role: 'ASC', delegateName: 'ASC' },
    });
    const originals = new Map(
      (
        await this.dataSource.manager.find(Invitation, {
          select: { id: true, delegateName: true },
          where: { id: In(invitations.map((invitation) => invitation.substituteFor).filter((value): value is string => value !== null)) },
        })
      ).map((original) => [original.id, original.delegateName]),
    );
    return invitations.map((invitation) => ({
      invitationId: invitation.id,
      delegateName: invitation.delegateName,
      delegateTitle: invitation.delegateTitle,
      role: invitation.role,
      status: invitation.status,
      answered: ANSWERED_STATUSES.includes(invitation.status),
      answeredAt: invitation.answeredAt,
      answeredVia: invitation.answeredVia,
      answerComment: invitation.answerComment,
      substitute: invitation.substitute ? { name: invitation.substitute.name, position: invitation.substitute.position } : null,
      substituteForName: invitation.substituteFor ? (originals.get(invitation.substituteFor) ?? null) : null,
    }));
  }

  /**
   * What happened to an invitation, oldest first, with who and when (local time): from its audit
   * entries (created, queued, answered, substituted, updated, cancelled) and the e-mails that left.
   */
  async history(id: string): Promise<InvitationHistoryEntry[]> {
    const manager = this.dataSource.manager;
    const invitation = await manager.findOneBy(Invitation, { id });
    if (!invitation) throw new NotFoundError(INVITATION, id);
    const [entries, messages, successor, original] = await Promise.all([
      this.audit.historyOf('invitation', id),
      manager.find(InvitationMessage, { where: { invitationId: id, status: MessageStatus.Sent }, order: { sentAt: 'ASC' } }),
      manager.findOne(Invitation, { select: { id: true, delegateName: true }, where: { substituteFor: id } }),
      invitation.substituteFor ? manager.findOne(Invitation, { select: { id: true, delegateName: true }, where: { id: invitation.substituteFor } }) : null,
    ]);
    const lines: InvitationHistoryEntry[] = [];
    for (const entry of entries) {
      const status = (entry.changes as Record<string, { before: unknown; after: unknown } | undefined>).status?.after as InvitationStatus | undefined;
      let kind: InvitationHistoryKind;
      let detail: string | null = null;
      if (entry.action === 'create') {
        kind = 'created';
        if (original) detail = `Dự thay đồng chí ${original.delegateName}`;
      } else if (status && ANSWERED_STATUSES.includes(status)) {
        kind = 'answered';
        detail = INVITATION_STATUS_NAMES[status];
      } else if (status === InvitationStatus.Withdrawn) {
        kind = successor && entry.note?.startsWith('Chấp thuận') ? 'substituted' : 'cancelled';
        if (kind === 'substituted') detail = `Đồng chí ${successor!.delegateName} dự thay`;
      } else if (status === InvitationStatus.Queued && entry.action === 'transition') {
        kind = 'sent';
        detail = 'Xếp thư mời vào hàng gửi';
      } else if (status === InvitationStatus.Sent && entry.action === 'transition') {
        kind = 'refused';
      } else {
        kind = entry.action === 'update' ? 'updated' : 'note';
      }
      lines.push(historyLine(entry.at, kind, entry.actorEmail, entry.note, detail));
    }
    for (const message of messages) {
      lines.push(historyLine(message.sentAt!, 'sent', 'hệ thống gửi thư', null, `${MESSAGE_KIND_NAMES[message.kind]} (SEQUENCE ${message.sequence})`));
    }
    return lines.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async list(query: InvitationQueryDto): Promise<Page<InvitationSummary>> {
    const builder = this.dataSource
      .getRepository(Invitation)
      .createQueryBuilder('invitation')
      .orderBy('invitation.createdAt', 'DESC')
      .addOrderBy('invitation.id', 'ASC');
    if (query.editionId) builder.andWhere('invitation.editionId = :editionId', { editionId: query.editionId });
    if (query.venueId) builder.andWhere('invitation.venueId = :venueId', { venueId: query.venueId });
    if (query.status?.length) builder.andWhere('invitation.status IN (:...status)', { status: query.status });
    if (query.q?.trim()) builder.andWhere(foldedMatch(INVITATION_SEARCH_TEXT, 'pattern'), { pattern: foldedSearchPattern(query.q) });
    const [items, total] = await builder.skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(items.map(toSummary), total, query);
  }

  /** Counts per status (one GROUP BY), in the workflow's order. */
  async counts(query: InvitationCountQueryDto): Promise<InvitationStatusCount[]> {
    const builder = this.dataSource
      .getRepository(Invitation)
      .createQueryBuilder('invitation')
      .select('invitation.status', 'status')
      .addSelect('count(*)', 'count')
      .where('invitation.editionId = :editionId', { editionId: query.editionId })
      .groupBy('invitation.status');
    if (query.venueId) builder.andWhere('invitation.venueId = :venueId', { venueId: query.venueId });
    const rows = await builder.getRawMany<{ status: InvitationStatus; count: string }>();
    const counted = new Map(rows.map((row) => [row.status, Number(row.count)]));
    return INVITATION_STATUSES.filter((status) => counted.has(status)).map((status) => ({ status, count: counted.get(status)! }));
  }

  /** The e-mail and calendar entry the delegate would receive now, without sending anything. */
  async preview(id: string): Promise<ComposedMessage> {
    const context = await this.composer.load(this.dataSource.manager, id);
    const withdrawn = ENDED_STATUSES.includes(context.invitation.status);
    const composed = this.composer.compose(context, {
      kind: withdrawn ? 'cancellation' : context.invitation.sequence > 0 ? 'update' : 'invitation',
      method: withdrawn ? 'CANCEL' : 'REQUEST',
      sequence: context.invitation.sequence,
      reason: context.invitation.withdrawnReason,
      previous: null,
    });
    if (!composed.passCode) return composed;
    // The e-mail carries the pass's QR code as an attachment it names by content id; a preview has no
    // attachments, so the same image goes inline as a data URL (the console's CSP allows data: images).
    const qr = `data:image/png;base64,${passQrPng(composed.passCode).toString('base64')}`;
    return { ...composed, html: composed.html.replaceAll(`cid:${PASS_QR_CID}`, qr) };
  }

  async get(id: string): Promise<InvitationView> {
    const invitation = await this.dataSource.manager.findOneBy(Invitation, { id });
    if (!invitation) throw new NotFoundError(INVITATION, id);
    const messages = await this.dataSource.manager.find(InvitationMessage, { where: { invitationId: id }, order: { createdAt: 'ASC' } });
    return {
      ...toSummary(invitation),
      messages: messages.map(({ id: messageId, kind, method, sequence, status, attempts, lastError, sentAt, createdAt }) => ({
        id: messageId,
        kind,
        method,
        sequence,
        status,
        attempts,
        lastError,
        sentAt,
        createdAt,
      })),
    };
  }

  /** A leader taken off a venue no longer attends: their invitation there is withdrawn (a CANCEL if it went out). */
  private async followUnassignment(manager: EntityManager, removal: AssignmentRemoval, afterCommit: AfterCommit): Promise<void> {
    const live = await manager.find(Invitation, {
      where: { venueId: removal.venueId, leaderId: removal.leaderId, status: In(statusesAllowing('withdraw')) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const invitation of live) await this.withdrawLocked(manager, invitation, 'withdraw', removal.reason, removal.actor, afterCommit);
  }

  /** Follows a venue's reschedule (an update to every live invitation) or cancellation (CANCEL to all). */
  private async followVenue(manager: EntityManager, change: VenueChange, afterCommit: AfterCommit): Promise<void> {
    if (!change.rescheduled && !change.cancelled) return;
    const affected = await manager.find(Invitation, {
      where: { venueId: change.after.id, status: In(statusesAllowing(change.cancelled ? 'withdraw' : 'reschedule')) },
      lock: { mode: 'pessimistic_write' },
    });
    const { actor } = change;
    for (const invitation of affected) {
      if (change.cancelled) {
        await this.withdrawLocked(manager, invitation, 'withdraw', change.reason ?? 'Điểm tổ chức bị hủy', actor, afterCommit);
        continue;
      }
      const delivered = await this.wasDelivered(manager, invitation.id);
      const rsvpExpiresAt = rsvpExpiry(change.after.endsAt!, this.config.RSVP_GRACE_HOURS);
      await this.applyEvent(manager, invitation, { type: 'reschedule', delivered, rsvpExpiresAt }, afterCommit, {
        actor,
        action: 'update',
        note: 'Điểm tổ chức thay đổi thời gian hoặc địa điểm: gửi thông báo cập nhật',
        eventStart: change.after.startsAt!,
        previous: previousOf(change.before),
      });
    }
  }

  /**
   * Follows a change of a venue's programme: every delegate who still holds the calendar entry (not
   * declined, not withdrawn; after an approved substitution, the deputy) gets the letter again one
   * revision up, with the programme as it then stands. The e-mail waits INVITATION_UPDATE_DELAY_SECONDS
   * (see recordMessage), and a letter of the current revision still waiting absorbs further edits, so
   * several quick edits make one e-mail. The answer given stands (the day, hours and place did not move).
   */
  private async followProgramme(manager: EntityManager, change: ProgrammeChange, afterCommit: AfterCommit): Promise<void> {
    const affected = await manager.find(Invitation, {
      where: { venueId: change.venueId, status: In(statusesAllowing('programme-update')) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const invitation of affected) {
      const delivered = await this.wasDelivered(manager, invitation.id);
      const requestWaiting = await this.requestWaiting(manager, invitation);
      if (!needsProgrammeUpdate({ status: invitation.status, delivered, requestWaiting })) continue;
      await this.applyEvent(manager, invitation, { type: 'programme-update' }, afterCommit, {
        actor: change.actor,
        action: 'update',
        note: `Chương trình thay đổi (${change.summary}): gửi thông báo cập nhật`,
      });
    }
  }

  /**
   * Whether a REQUEST of the invitation's current revision is still waiting to go (pending, perhaps
   * delayed, or failed awaiting a retry): it is composed when sent, so it will show the change. Its row
   * is locked, so the sender cannot claim it (and compose the old state) while this transaction decides
   * to rely on it; once claimed it no longer counts, and the change gets a letter of its own.
   */
  private async requestWaiting(manager: EntityManager, invitation: Invitation): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `SELECT id FROM invitation_messages
        WHERE invitation_id = $1 AND sequence = $2 AND method = 'REQUEST' AND status IN ('pending', 'failed')
        FOR UPDATE`,
      [invitation.id, invitation.sequence],
    );
    return rows.length > 0;
  }

  private async createDraft(
    manager: EntityManager,
    input: CreateInvitationDto,
    actor: { id: string; email: string },
    substituteFor: string | null = null,
  ): Promise<Invitation> {
    const venue = await this.lockScheduledVenue(manager, input.venueId);
    const delegate = await this.delegateOf(manager, input, venue.editionId);
    const id = randomUUID();
    if (await manager.existsBy(Invitation, { venueId: venue.id, delegateEmail: delegate.email, status: Not(In([...ENDED_STATUSES])) })) {
      throw new BusinessRuleError('ALREADY_INVITED', `Đã có lời mời còn hiệu lực gửi ${delegate.email} cho điểm tổ chức này.`, { email: delegate.email }, 409);
    }
    const invitation = await manager.save(
      manager.create(Invitation, {
        id,
        editionId: venue.editionId,
        venueId: venue.id,
        leaderId: input.leaderId ?? null,
        delegateName: delegate.name,
        delegateTitle: delegate.title,
        delegateEmail: delegate.email,
        role: input.role,
        status: InvitationStatus.Draft,
        uid: `${id}@ngayhoi.vn`,
        sequence: 0,
        rsvpTokenHash: tokenHash(linkToken(this.config.LINK_SECRET, 'rsvp', id)),
        rsvpExpiresAt: rsvpExpiry(venue.endsAt!, this.config.RSVP_GRACE_HOURS),
        substituteFor,
        createdBy: actor.id,
      }),
    );
    await this.audit.record(manager, { actor, entityType: 'invitation', entityId: id, action: 'create', after: invitation });
    return invitation;
  }

  /** Creates or moves the delegate's reminders before the venue's (current) start. */
  async planReminders(manager: EntityManager, invitation: Invitation, afterCommit: AfterCommit, eventStart?: Date): Promise<void> {
    const start = eventStart ?? (await venueStarts(manager, [invitation.venueId])).get(invitation.venueId);
    if (!start) return;
    await this.reminders.planForDelegate(manager, afterCommit, {
      invitationId: invitation.id,
      editionId: invitation.editionId,
      recipientEmail: invitation.delegateEmail,
      recipientName: invitation.delegateName,
      eventStart: start,
    });
  }

  /**
   * The venue, locked against a concurrent cancellation or reschedule (which would otherwise miss the
   * invitation being written), and required to be scheduled.
   */
  private async lockScheduledVenue(manager: EntityManager, venueId: string): Promise<VenueInvitationFacts> {
    const venue = await lockVenueForUpdate(manager, venueId);
    if (!venue) throw new NotFoundError('điểm tổ chức', venueId);
    if (venue.status !== VenueStatus.Scheduled || !venue.endsAt) {
      throw new BusinessRuleError('VENUE_NOT_SCHEDULED', 'Chỉ mời đại biểu khi điểm tổ chức đã được xếp lịch.', { status: venue.status }, 409);
    }
    return venue;
  }

  /** Whether the delegate may have this invitation in their calendar: a REQUEST went out, or is going out. */
  private async wasDelivered(manager: EntityManager, invitationId: string): Promise<boolean> {
    return manager.exists(InvitationMessage, { where: { invitationId, method: 'REQUEST', status: In([MessageStatus.Sent, MessageStatus.Sending]) } });
  }

  private async delegateOf(
    manager: EntityManager,
    input: CreateInvitationDto,
    editionId: string,
  ): Promise<{ name: string; title: string | null; email: string }> {
    if (input.leaderId) {
      const leader = await invitableLeader(manager, input.leaderId, editionId);
      if (!leader) throw new NotFoundError('lãnh đạo', input.leaderId);
      return { name: leader.fullName, title: leader.editionTitle ?? leader.position, email: leader.officeEmail.toLowerCase() };
    }
    const delegate = input.delegate!;
    return { name: delegate.name.trim(), title: delegate.title?.trim() ?? null, email: delegate.email.trim().toLowerCase() };
  }

  private async queueFirstMessage(
    manager: EntityManager,
    invitation: Invitation,
    actor: { id: string; email: string },
    afterCommit: AfterCommit,
  ): Promise<Invitation> {
    const sent = await this.applyEvent(manager, invitation, { type: 'send' }, afterCommit, { actor, action: 'transition' });
    // The attendee's calendar feed for the edition, its link mailed apart the first time (see CalendarFeedsService).
    await this.feeds.ensureFor(manager, sent, afterCommit);
    return sent;
  }

  private async withdrawLocked(
    manager: EntityManager,
    invitation: Invitation,
    type: 'withdraw' | 'approve-substitute',
    reason: string,
    actor: { id: string; email: string },
    afterCommit: AfterCommit,
    note: string = reason,
  ): Promise<Invitation> {
    const delivered = await this.wasDelivered(manager, invitation.id);
    return this.applyEvent(manager, invitation, { type, reason, delivered }, afterCommit, { actor, action: 'transition', note });
  }

  /**
   * Applies a workflow event to a locked invitation (see invitation-workflow.ts): the fields it sets,
   * the waiting e-mails it supersedes, the e-mail it implies (enqueued after commit), the delegate's
   * reminders, and its audit entry. Every change of an invitation's status goes through here.
   */
  async applyEvent(
    manager: EntityManager,
    invitation: Invitation,
    event: InvitationEvent,
    afterCommit: AfterCommit,
    context: EventContext,
  ): Promise<Invitation> {
    const change = decide(invitation, event);
    const before = { ...invitation };
    Object.assign(invitation, change.set);
    const saved = await manager.save(invitation);
    if (change.supersedes) await this.supersedeWaiting(manager, saved.id, change.supersedes);
    if (change.message)
      await this.recordMessage(manager, saved, change.message, afterCommit, change.message.kind === 'update' ? (context.previous ?? null) : null);
    if (change.reminders === 'plan') await this.planReminders(manager, saved, afterCommit, context.eventStart);
    if (change.reminders === 'cancel') await this.reminders.cancelForSubject(manager, saved.id);
    await this.audit.record(manager, {
      actor: context.actor,
      entityType: 'invitation',
      entityId: saved.id,
      action: context.action,
      before,
      after: saved,
      note: context.note ?? null,
    });
    return saved;
  }

  /** Waiting e-mails (pending, or failed after every retry) that a change made pointless never go out. */
  private async supersedeWaiting(manager: EntityManager, invitationId: string, which: NonNullable<InvitationChange['supersedes']>): Promise<void> {
    await manager.update(
      InvitationMessage,
      { invitationId, status: In([MessageStatus.Pending, MessageStatus.Failed]), ...(which === 'requests' && { method: 'REQUEST' as const }) },
      { status: MessageStatus.Superseded },
    );
  }

  /** Records the e-mail a change implies and enqueues it once the transaction commits. */
  private async recordMessage(
    manager: EntityManager,
    invitation: Invitation,
    { kind, method, reason }: NonNullable<InvitationChange['message']>,
    afterCommit: AfterCommit,
    previous: InvitationMessage['previous'],
  ): Promise<void> {
    // A letter (REQUEST) is issued with its number; a resend or an update keeps the one it has.
    if (method === 'REQUEST') await issueLetterNumber(manager, invitation);
    // A resend of the same revision (same SEQUENCE) is that revision's next copy.
    const [{ copy }] = await queryRows<{ copy: number }>(
      manager,
      `SELECT COALESCE(MAX(copy) + 1, 0)::int AS copy FROM invitation_messages WHERE invitation_id = $1 AND sequence = $2 AND method IS NOT DISTINCT FROM $3`,
      [invitation.id, invitation.sequence, method],
    );
    // An update waits a while for further edits (its job is delayed as long; the reconciler leaves it alone until then).
    const delayed = isUpdate(kind) && this.config.INVITATION_UPDATE_DELAY_SECONDS > 0;
    const sendAfter = delayed ? new Date(Date.now() + this.config.INVITATION_UPDATE_DELAY_SECONDS * 1000) : null;
    const message = await manager.save(
      manager.create(InvitationMessage, { invitationId: invitation.id, sequence: invitation.sequence, method, copy, kind, reason, previous, sendAfter }),
    );
    afterCommit.add(() => this.producer.enqueue(SendInvitationMessageJob, delayed ? { messageId: message.id, delayed: true } : { messageId: message.id }));
  }
}

/** Who makes a change and how it is audited; for a reschedule, the venue's new start and the date it replaces. */
export interface EventContext {
  actor: { id: string; email: string };
  action: 'transition' | 'update';
  note?: string | null;
  eventStart?: Date;
  previous?: InvitationMessage['previous'];
}

/** An update of a letter already delivered (date, hours, place or programme changed): it waits for further edits. */
function isUpdate(kind: InvitationMessage['kind']): boolean {
  return kind === 'update' || kind === 'programme-update';
}

function historyLine(at: Date, kind: InvitationHistoryKind, actor: string, note: string | null, detail: string | null): InvitationHistoryEntry {
  return {
    at,
    localTime: `${instantToLocalTime(at)} ${formatVietnameseDate(instantToLocalDate(at))}`,
    kind,
    kindName: INVITATION_HISTORY_NAMES[kind],
    actor: actorName(actor),
    note,
    detail,
  };
}

/** Who, as a planner reads it: an account's e-mail, or the delegate answering by link or from their calendar. */
function actorName(actorEmail: string): string {
  if (actorEmail.startsWith('rsvp:')) return `${actorEmail.slice(5)} (trang trả lời)`;
  if (actorEmail.startsWith('calendar:')) return `${actorEmail.slice(9)} (lịch điện tử)`;
  return actorEmail;
}

function previousOf(venue: Pick<VenueChange['before'], 'startsAt' | 'endsAt'>): InvitationMessage['previous'] {
  if (!venue.startsAt || !venue.endsAt) return null;
  return { date: instantToLocalDate(venue.startsAt), startTime: instantToLocalTime(venue.startsAt), endTime: instantToLocalTime(venue.endsAt) };
}
