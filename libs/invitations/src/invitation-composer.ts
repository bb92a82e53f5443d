import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hydrate, instantToLocalDate, instantToLocalTime, NotFoundError, queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { EDITION_LETTER_FACTS, EditionLetterFacts } from '@app/editions';
import { AssignmentRole } from '@app/leaders';
import { PROGRAMME_PART_NAMES, ProgrammeLine, VENUE_PROGRAMME_LINES } from '@app/programmes';
import { provinceByCode, ProvinceRecord } from '@app/provinces';
import { readVenueInvitationFacts, VENUE_INVITATION_FACTS, VenueInvitationFacts, VenueInvitationFactsJson, VenueStatus } from '@app/venues';
import type { ComposedMessage } from './dto/composed-message.dto';
import { Invitation, InvitationMessage } from './invitation.entities';
import { ENDED_STATUSES } from './invitation-workflow';
import { linkToken } from './links';
import { buildFeedIcs, buildInvitationIcs } from './rendering/invitation-ics';
import type { InvitationEmailView, InvitationEvent } from './rendering/rendering.types';
import { renderInvitationEmail, renderReminderEmail } from './rendering/templates';

/** An invitation with what its letter shows of the venue, its province, its edition and its programme. */
export interface InvitationContext {
  invitation: Invitation;
  venue: VenueInvitationFacts;
  province: Pick<ProvinceRecord, 'code' | 'name' | 'kind'>;
  edition: EditionLetterFacts;
  programme: ProgrammeLine[];
}

/**
 * Turns an invitation and its venue as they are now into the e-mail and calendar entry a delegate
 * receives. Used by the worker to send and by the API to preview; it decides nothing.
 */
@Injectable()
export class InvitationComposer {
  constructor(private readonly config: AppConfig) {}

  rsvpUrl(invitationId: string): string {
    return `${this.config.PUBLIC_BASE_URL}/api/rsvp/${linkToken(this.config.LINK_SECRET, 'rsvp', invitationId)}`;
  }

  /**
   * The invitation with its venue, edition and programme as they are now, in one statement: this runs
   * for every e-mail sent, so the other libraries' rows come through their named read models
   * (VENUE_INVITATION_FACTS, EDITION_LETTER_FACTS, VENUE_PROGRAMME_LINES), joined here rather than
   * read one query each (a round trip and a statement more per e-mail: measurably slower on
   * bench/invitations). Provinces are reference data, named without a query.
   */
  async load(manager: EntityManager, invitationId: string): Promise<InvitationContext> {
    if (!invitationId) throw new Error('InvitationComposer.load needs an invitation id');
    const [row] = await queryRows<{
      invitation: Record<string, unknown>;
      venue: VenueInvitationFactsJson;
      year: number;
      theme: string;
      programme: ProgrammeLine[];
    }>(
      manager,
      `SELECT row_to_json(i.*) AS invitation, v.facts AS venue, e.year, e.theme,
              COALESCE((SELECT json_agg(item.line ORDER BY item.start_time) FROM ${VENUE_PROGRAMME_LINES} item WHERE item.venue_id = i.venue_id), '[]') AS programme
         FROM invitations i
         JOIN ${VENUE_INVITATION_FACTS} v ON v.id = i.venue_id
         JOIN ${EDITION_LETTER_FACTS} e ON e.id = i.edition_id
        WHERE i.id = $1`,
      [invitationId],
    );
    const province = row && provinceByCode(row.venue.provinceCode);
    if (!row || !province) throw new NotFoundError('lời mời', invitationId);
    return {
      invitation: hydrate(manager, Invitation, row.invitation),
      venue: readVenueInvitationFacts(row.venue),
      province,
      edition: { year: row.year, theme: row.theme },
      programme: row.programme,
    };
  }

  compose(context: InvitationContext, message: Pick<InvitationMessage, 'kind' | 'method' | 'sequence' | 'reason' | 'previous'>): ComposedMessage {
    const rendered = renderInvitationEmail(this.emailView(context, message));
    return {
      to: { name: context.invitation.delegateName, address: context.invitation.delegateEmail },
      ...rendered,
      method: message.method,
      ics: buildInvitationIcs(this.event(context, message.sequence, message.method === 'CANCEL'), message.method),
    };
  }

  /** A reminder e-mail before the event (same details and RSVP link as the invitation). */
  composeReminder(context: InvitationContext, offsetMinutes: number): Omit<ComposedMessage, 'method' | 'ics'> {
    const view = this.emailView(context, { kind: 'invitation', reason: null, previous: null });
    return {
      to: { name: context.invitation.delegateName, address: context.invitation.delegateEmail },
      ...renderReminderEmail(view, offsetMinutes),
    };
  }

  /**
   * An attendee's subscription: every invitation they have had in the edition, cancelled ones marked so.
   * Its events carry no RSVP link (neither in the description nor as URL): the feed shows the event,
   * answering needs the invitation's own link, so a leaked feed answers nothing in anyone's name.
   */
  feed(contexts: InvitationContext[], delegateName: string): string {
    const events = contexts.map((context) => this.event(context, context.invitation.sequence, isCancelled(context), { withRsvp: false }));
    return buildFeedIcs(events, `Ngày hội toàn dân bảo vệ an ninh Tổ quốc — ${delegateName}`);
  }

  event(context: InvitationContext, sequence: number, cancelled: boolean, { withRsvp = true }: { withRsvp?: boolean } = {}): InvitationEvent {
    const { invitation, venue, province, edition } = context;
    if (!venue.startsAt || !venue.endsAt) throw new Error(`venue ${venue.id} has no schedule`);
    return {
      uid: invitation.uid,
      sequence,
      stamp: new Date(),
      summary: `Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} — ${venue.name}`,
      description: [
        `Kính mời đồng chí ${invitation.delegateName}${invitation.delegateTitle ? `, ${invitation.delegateTitle}` : ''} ${roleText(invitation.role)}.`,
        `Địa điểm: ${venue.address}, ${venue.communeName}, ${province.name}.`,
        `Đơn vị tổ chức: ${hostOrganisation(venue, province)}.`,
        ...(withRsvp ? [`Xác nhận tham dự: ${this.rsvpUrl(invitation.id)}`] : []),
      ].join('\n'),
      start: venue.startsAt,
      end: venue.endsAt,
      location: {
        title: venue.name,
        address: `${venue.address}, ${venue.communeName}, ${province.name}`,
        latitude: venue.latitude,
        longitude: venue.longitude,
      },
      organizer: { name: this.config.COMMITTEE_NAME, email: this.config.COMMITTEE_EMAIL },
      attendee: { name: invitation.delegateName, email: invitation.delegateEmail },
      ...(withRsvp && { url: this.rsvpUrl(invitation.id) }),
      cancelled,
    };
  }

  private emailView(context: InvitationContext, message: Pick<InvitationMessage, 'kind' | 'reason' | 'previous'>): InvitationEmailView {
    const { invitation, venue, province, edition, programme } = context;
    return {
      kind: message.kind,
      delegateName: invitation.delegateName,
      delegateTitle: invitation.delegateTitle,
      role: invitation.role === AssignmentRole.ChiefGuest ? 'chief_guest' : 'accompanying',
      editionYear: edition.year,
      editionTheme: edition.theme,
      venueName: venue.name,
      address: venue.address,
      communeName: venue.communeName,
      provinceName: province.name,
      date: venue.startsAt ? instantToLocalDate(venue.startsAt) : (venue.scheduledDate ?? ''),
      startTime: venue.startsAt ? instantToLocalTime(venue.startsAt) : '',
      endTime: venue.endsAt ? instantToLocalTime(venue.endsAt) : '',
      programme: programme.map((item) => ({ startTime: item.startTime, endTime: item.endTime, title: item.title, partName: PROGRAMME_PART_NAMES[item.part] })),
      hostOrganisation: hostOrganisation(venue, province),
      contact: venue.contactName
        ? { name: venue.contactName, phone: venue.contactPhone, email: venue.contactEmail }
        : { name: this.config.COMMITTEE_NAME, phone: null, email: this.config.COMMITTEE_EMAIL },
      rsvpUrl: message.kind === 'cancellation' ? null : this.rsvpUrl(invitation.id),
      // The feed's token exists only in the letter that brought it (see SendFeedLinkHandler): invitation
      // e-mails no longer repeat it.
      feedUrl: null,
      reason: message.reason,
      previous: message.previous,
    };
  }
}

function isCancelled(context: InvitationContext): boolean {
  return ENDED_STATUSES.includes(context.invitation.status) || context.venue.status === VenueStatus.Cancelled;
}

function roleText(role: AssignmentRole): string {
  return role === AssignmentRole.ChiefGuest ? 'dự, phát biểu chỉ đạo và tặng quà tại Ngày hội' : 'cùng dự Ngày hội';
}

/** The province's police run the festival point, with the venue's co-host when it has one. */
export function hostOrganisation(venue: Pick<VenueInvitationFacts, 'coHost'>, province: Pick<ProvinceRecord, 'name' | 'kind'>): string {
  const police = `Công an ${province.kind === 'city' ? province.name : `tỉnh ${province.name}`}`;
  return venue.coHost ? `${police} phối hợp với ${venue.coHost}` : police;
}
