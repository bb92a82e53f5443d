import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { accountNames, type Actor, canWriteProvince } from '@app/auth';
import { assertVersion, BusinessRuleError, ForbiddenError, lockForUpdate, NotFoundError, ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { passCode, ProtocolService } from '@app/protocol';
import { provinceNames } from '@app/provinces';
import { JobProducer } from '@app/queue';
import { findVenues, VenuesService } from '@app/venues';
import type {
  AccreditationReceivedView,
  ApproveAccreditationDto,
  PressAccreditationListView,
  PressAccreditationView,
  PressVenueView,
  RefuseAccreditationDto,
  RequestAccreditationDto,
} from './dto/press.dto';
import { PressAccreditation } from './press-accreditation.entity';
import { cardKey, isRefusal, isRobot, isVietnamesePhone, nextStatus, normalisePhone, openForPress, pressTitle, tidyName } from './press-rules';
import { type AccreditationDecision, ACCREDITATION_STATUS_NAMES, AccreditationStatus } from './press.enums';
import { SendPressAccreditationEmailJob } from './send-press-accreditation-email.handler';

const REQUEST = 'đề nghị cấp thẻ báo chí';
const VENUE = 'điểm tổ chức';
/** The one answer of the public form, whatever became of the request: it reveals nothing of others'. */
const RECEIVED: AccreditationReceivedView = {
  message: 'Ban Tổ chức đã nhận đề nghị cấp thẻ tác nghiệp của anh/chị và sẽ trả lời qua e-mail.',
};

/**
 * Owns press accreditation (press_accreditations): journalists' requests from the public form and the
 * decisions of the venue's province (or planners). An approved journalist is listed among the venue's
 * attendees through the protocol library, which owns guests and passes; the decision is e-mailed
 * through the mail queue.
 */
@Injectable()
export class PressService {
  private readonly logger = new Logger('PressAccreditation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly protocol: ProtocolService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  /** What the public form shows of a venue (no account needed): its name, province and day. */
  async publicVenue(venueId: string): Promise<PressVenueView> {
    const [venue] = await findVenues(this.dataSource.manager, [venueId]);
    if (!venue || !['approved', 'scheduled', 'held'].includes(venue.status)) throw new NotFoundError(VENUE, venueId);
    const province = (await provinceNames(this.dataSource.manager)).get(venue.provinceCode) ?? venue.provinceCode;
    return { venueId, name: venue.name, provinceName: province, scheduledDate: venue.scheduledDate ?? null, open: openForPress(venue.status) };
  }

  /**
   * Takes a request from the public form. A filled honeypot is answered like any request and nothing is
   * kept (logged, so a flood shows); a second request with the same card for the same venue is the
   * same request (answered alike, nothing added).
   */
  async request(input: RequestAccreditationDto, clientAddress: string | undefined): Promise<AccreditationReceivedView> {
    if (isRobot(input.website)) {
      this.logger.warn({ venueId: input.venueId, clientAddress }, 'press accreditation honeypot filled: nothing kept');
      return RECEIVED;
    }
    if (!isVietnamesePhone(input.phone)) throw new ValidationFailedError([{ field: 'phone', messages: ['số điện thoại không hợp lệ'] }]);
    const [venue] = await findVenues(this.dataSource.manager, [input.venueId]);
    if (!venue || !['approved', 'scheduled', 'held'].includes(venue.status)) throw new NotFoundError(VENUE, input.venueId);
    if (!openForPress(venue.status)) {
      throw new BusinessRuleError('PRESS_CLOSED', 'Điểm tổ chức này hiện không nhận đề nghị cấp thẻ tác nghiệp báo chí.', { venueId: venue.id });
    }
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PressAccreditation)
      .values({
        venueId: venue.id,
        fullName: tidyName(input.fullName),
        agency: tidyName(input.agency),
        cardNumber: input.cardNumber.trim(),
        cardKey: cardKey(input.cardNumber),
        phone: normalisePhone(input.phone),
        email: input.email.trim().toLowerCase(),
        status: AccreditationStatus.Pending,
      })
      .orIgnore()
      .execute();
    return RECEIVED;
  }

  /** A venue's requests, newest first: its province's organizers and planners (contacts are personal data). */
  async list(venueId: string, actor: Actor): Promise<PressAccreditationListView> {
    const venue = await this.venues.getReadable(venueId, actor); // another province's organizer: 403 PROVINCE_SCOPE
    if (!canWriteProvince(actor, venue.provinceCode)) {
      throw new ForbiddenError('Đề nghị cấp thẻ báo chí chỉ dành cho tỉnh, thành phố tổ chức và cán bộ lập kế hoạch Trung ương.', 'PRESS_SCOPE');
    }
    const rows = await this.dataSource.manager.find(PressAccreditation, { where: { venueId }, order: { createdAt: 'DESC', id: 'ASC' } });
    const names = await accountNames(
      this.dataSource.manager,
      rows.flatMap((row) => (row.decidedBy ? [row.decidedBy] : [])),
    );
    return {
      venueId,
      canDecide: true,
      formUrl: this.config.publicUrl(`/bao-chi/${venueId}`),
      items: rows.map((row) => this.view(row, names)),
    };
  }

  approve(id: string, input: ApproveAccreditationDto, actor: Actor): Promise<PressAccreditationView> {
    return this.decide(id, 'approve', input.version, null, actor);
  }

  refuse(id: string, input: RefuseAccreditationDto, actor: Actor): Promise<PressAccreditationView> {
    return this.decide(id, 'refuse', input.version, input.reason.trim(), actor);
  }

  /**
   * Decides a pending request (version-checked): an approval lists the journalist among the venue's
   * attendees with a pass (protocol library) in the same transaction; either decision is e-mailed.
   */
  private async decide(id: string, decision: AccreditationDecision, version: number, reason: string | null, actor: Actor): Promise<PressAccreditationView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await lockForUpdate(manager, PressAccreditation, id, undefined, REQUEST);
      // The province is checked before the version, so another province learns nothing from a 409.
      await this.venues.lockForChildEdit(manager, row.venueId, actor);
      assertVersion(version, row.version);
      const next = nextStatus(row.status, decision);
      if (isRefusal(next)) throw new BusinessRuleError(next.code, next.message, { status: row.status }, 409);
      const before = { status: row.status };
      if (next === AccreditationStatus.Approved) {
        const pass = await this.protocol.admitPress(manager, row.venueId, { name: row.fullName, title: pressTitle(row.agency) }, actor);
        row.attendeeKey = pass.attendeeKey;
      }
      Object.assign(row, { status: next, refusalReason: reason, decidedBy: actor.id, decidedAt: new Date(), emailStatus: 'pending' });
      const after = await manager.save(row);
      await this.audit.record(manager, {
        actor,
        entityType: 'press_accreditation',
        entityId: id,
        action: 'transition',
        note:
          next === AccreditationStatus.Approved ? `Cấp thẻ báo chí: ${row.fullName} (${row.agency})` : `Từ chối cấp thẻ báo chí: ${row.fullName} — ${reason}`,
        before,
        after: { status: next, refusalReason: reason, attendeeKey: row.attendeeKey },
      });
      return after;
    });
    // The decision stands once committed: an e-mail Redis did not take is re-enqueued by ReconcilePressEmailsJob.
    await this.producer.enqueue(SendPressAccreditationEmailJob, { accreditationId: id }).catch((error: unknown) => {
      this.logger.warn({ accreditationId: id, error: String(error) }, 'press accreditation e-mail not enqueued; the reconciler will');
    });
    const names = await accountNames(this.dataSource.manager, [actor.id]);
    return this.view(saved, names);
  }

  private view(row: PressAccreditation, names: Map<string, string>): PressAccreditationView {
    return {
      id: row.id,
      venueId: row.venueId,
      fullName: row.fullName,
      agency: row.agency,
      cardNumber: row.cardNumber,
      phone: row.phone,
      email: row.email,
      status: row.status,
      statusName: ACCREDITATION_STATUS_NAMES[row.status],
      refusalReason: row.refusalReason,
      decidedAt: row.decidedAt,
      decidedByName: row.decidedBy ? (names.get(row.decidedBy) ?? null) : null,
      passCode: row.attendeeKey ? passCode(this.config.LINK_SECRET, row.venueId, row.attendeeKey) : null,
      emailStatus: row.emailStatus,
      createdAt: row.createdAt,
      version: row.version,
    };
  }
}
