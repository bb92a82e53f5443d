import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import type { Actor } from '@app/auth';
import { AfterCommit, DomainError, inTransaction, NotFoundError } from '@app/common';
import { AppConfig } from '@app/config';
import { findEdition } from '@app/editions';
import { invitableLeader } from '@app/leaders';
import { JobProducer } from '@app/queue';
import { Invitation } from '../invitation.entities';
import { InvitationComposer } from '../invitation-composer';
import { InvalidLinkError, UNSENT_STATUSES } from '../invitation-workflow';
import { TOKEN_PATTERN, tokenHash } from '../links';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedStatus } from './calendar-feed.enums';
import { CalendarFeedQueryDto, CalendarFeedView, IssueLeaderFeedDto } from './dto/calendar-feed.dto';
import { delegateKey, feedExpiry } from './feed-rules';
import { SendFeedLinkJob } from './send-feed-link.handler';

const FEED = 'lịch đăng ký';

/** The link of a feed past its edition (plus the grace) is refused with 410, not 404: it was real once. */
export class FeedExpiredError extends DomainError {
  constructor() {
    super(410, 'FEED_EXPIRED', 'Đường dẫn lịch đã hết hạn (đợt Ngày hội đã kết thúc).');
  }
}

/**
 * Attendees' private calendar subscriptions (see CalendarFeed): made when an attendee's first
 * invitation of an edition goes out, revoked and re-issued by planners, answered on the public feed
 * URL while the token is current and the edition (plus FEED_GRACE_DAYS) not over. The events carry no
 * RSVP link: a leaked feed shows the movements it shows until revoked, but answers nothing.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly composer: InvitationComposer,
  ) {}

  /**
   * The feed of the invitation's attendee for its edition: made with its link queued the first time
   * one of their invitations goes out; left as it is afterwards (a revoked feed stays revoked until a
   * planner re-issues it).
   */
  async ensureFor(manager: EntityManager, invitation: Invitation, afterCommit: AfterCommit): Promise<void> {
    const identity = identityOf(invitation);
    const rows: { id: string; generation: number }[] = await manager.query(
      `INSERT INTO calendar_feeds (edition_id, leader_id, delegate_email, delegate_name, delegate_key)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ${identity.leaderId ? '(edition_id, leader_id) WHERE leader_id IS NOT NULL' : '(edition_id, delegate_email, delegate_key) WHERE leader_id IS NULL'}
       DO NOTHING
       RETURNING id, generation`,
      [invitation.editionId, identity.leaderId, invitation.delegateEmail, invitation.delegateName, identity.delegateKey],
    );
    for (const row of rows) afterCommit.add(() => this.producer.enqueue(SendFeedLinkJob, { feedId: row.id, generation: row.generation }));
  }

  async list(query: CalendarFeedQueryDto): Promise<CalendarFeedView[]> {
    const feeds = await this.dataSource.manager.find(CalendarFeed, {
      where: { ...(query.editionId && { editionId: query.editionId }), ...(query.leaderId && { leaderId: query.leaderId }) },
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return Promise.all(feeds.map((feed) => this.view(this.dataSource.manager, feed)));
  }

  /** A leader's feed for the edition: made if they have none yet, else re-issued. The new link goes to their office. */
  async issueForLeader(input: IssueLeaderFeedDto, actor: Actor): Promise<CalendarFeedView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const leader = await invitableLeader(manager, input.leaderId, input.editionId);
      if (!leader) throw new NotFoundError('lãnh đạo', input.leaderId);
      if (!(await findEdition(manager, input.editionId))) throw new NotFoundError('đợt Ngày hội', input.editionId);
      const existing = await manager.findOne(CalendarFeed, {
        where: { editionId: input.editionId, leaderId: input.leaderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) return this.reissueLocked(manager, existing, actor, afterCommit);
      const feed = await manager.save(
        manager.create(CalendarFeed, {
          editionId: input.editionId,
          leaderId: leader.id,
          delegateEmail: leader.officeEmail.toLowerCase(),
          delegateName: leader.fullName,
          delegateKey: '',
        }),
      );
      await this.audit.record(manager, { actor, entityType: 'calendar_feed', entityId: feed.id, action: 'create', after: feed, note: 'Cấp đường dẫn lịch' });
      afterCommit.add(() => this.producer.enqueue(SendFeedLinkJob, { feedId: feed.id, generation: feed.generation }));
      return this.view(manager, feed);
    });
  }

  /** A new token, mailed to the attendee's office; the old link stops at once. */
  async reissue(id: string, actor: Actor): Promise<CalendarFeedView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const feed = await lockFeed(manager, id);
      return this.reissueLocked(manager, feed, actor, afterCommit);
    });
  }

  /** The link stops at once; nothing is mailed. A planner may re-issue later. */
  async revoke(id: string, actor: Actor): Promise<CalendarFeedView> {
    return inTransaction(this.dataSource, async (manager) => {
      const feed = await lockFeed(manager, id);
      const before = { ...feed };
      Object.assign(feed, { status: CalendarFeedStatus.Revoked, tokenHash: null, revokedAt: new Date(), leaseUntil: null });
      const saved = await manager.save(feed);
      await this.audit.record(manager, {
        actor,
        entityType: 'calendar_feed',
        entityId: id,
        action: 'update',
        before,
        after: saved,
        note: 'Thu hồi đường dẫn lịch',
      });
      return this.view(manager, saved);
    });
  }

  /** The feed's calendar for a current token: 404 for an unknown or revoked one, 410 once the edition is over. */
  async calendar(token: string): Promise<string> {
    if (!TOKEN_PATTERN.test(token)) throw new InvalidLinkError();
    const manager = this.dataSource.manager;
    const feed = await manager.findOneBy(CalendarFeed, { tokenHash: tokenHash(token) });
    if (!feed || feed.revokedAt) throw new InvalidLinkError();
    if ((await this.expiryOf(manager, feed)).getTime() <= Date.now()) throw new FeedExpiredError();
    const invitations = await manager.find(Invitation, {
      select: { id: true },
      where: {
        editionId: feed.editionId,
        status: Not(In([...UNSENT_STATUSES])),
        ...(feed.leaderId ? { leaderId: feed.leaderId } : { leaderId: IsNull(), delegateEmail: feed.delegateEmail }),
      },
      order: { createdAt: 'ASC' },
    });
    const contexts = await Promise.all(invitations.map((invitation) => this.composer.load(manager, invitation.id)));
    const own = feed.leaderId ? contexts : contexts.filter((context) => delegateKey(context.invitation.delegateName) === feed.delegateKey);
    return this.composer.feed(own, feed.delegateName);
  }

  private async reissueLocked(manager: EntityManager, feed: CalendarFeed, actor: Actor, afterCommit: AfterCommit): Promise<CalendarFeedView> {
    const before = { ...feed };
    if (feed.leaderId) {
      // The office may have changed since: the link goes to the leader's address as it is now.
      const leader = await invitableLeader(manager, feed.leaderId, feed.editionId);
      if (leader) Object.assign(feed, { delegateEmail: leader.officeEmail.toLowerCase(), delegateName: leader.fullName });
    }
    Object.assign(feed, {
      status: CalendarFeedStatus.Pending,
      generation: feed.generation + 1,
      tokenHash: null,
      issuedAt: null,
      sentAt: null,
      revokedAt: null,
      attempts: 0,
      lastError: null,
      leaseUntil: null,
    });
    const saved = await manager.save(feed);
    await this.audit.record(manager, {
      actor,
      entityType: 'calendar_feed',
      entityId: saved.id,
      action: 'update',
      before,
      after: saved,
      note: 'Cấp lại đường dẫn lịch (đường dẫn cũ hết hiệu lực)',
    });
    afterCommit.add(() => this.producer.enqueue(SendFeedLinkJob, { feedId: saved.id, generation: saved.generation }));
    return this.view(manager, saved);
  }

  private async expiryOf(manager: EntityManager, feed: Pick<CalendarFeed, 'editionId'>): Promise<Date> {
    const edition = await findEdition(manager, feed.editionId);
    if (!edition) return new Date(0);
    return feedExpiry(edition.windowEnd, this.config.FEED_GRACE_DAYS);
  }

  private async view(manager: EntityManager, feed: CalendarFeed): Promise<CalendarFeedView> {
    return {
      id: feed.id,
      editionId: feed.editionId,
      leaderId: feed.leaderId,
      delegateName: feed.delegateName,
      delegateEmail: feed.delegateEmail,
      status: feed.status,
      issuedAt: feed.issuedAt,
      sentAt: feed.sentAt,
      revokedAt: feed.revokedAt,
      expiresAt: await this.expiryOf(manager, feed),
      lastError: feed.lastError,
    };
  }
}

async function lockFeed(manager: EntityManager, id: string): Promise<CalendarFeed> {
  const feed = await manager.findOne(CalendarFeed, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!feed) throw new NotFoundError(FEED, id);
  return feed;
}

function identityOf(invitation: Pick<Invitation, 'leaderId' | 'delegateName'>): { leaderId: string | null; delegateKey: string } {
  return invitation.leaderId ? { leaderId: invitation.leaderId, delegateKey: '' } : { leaderId: null, delegateKey: delegateKey(invitation.delegateName) };
}
