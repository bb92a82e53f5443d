import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hydrate, instantToLocalDate, instantToLocalTime, invitationAttendeeKey, NotFoundError, passCode, passQrModules, queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { EDITION_LETTER_FACTS, EditionLetterFacts } from '@app/editions';
import { AssignmentRole } from '@app/leaders';
import { PROGRAMME_PART_NAMES, ProgrammeLine, VENUE_PROGRAMME_LINES } from '@app/programmes';
import { provinceByCode, ProvinceRecord } from '@app/provinces';
import { readVenueInvitationFacts, VENUE_INVITATION_FACTS, VenueInvitationFacts, VenueInvitationFactsJson, VenueStatus } from '@app/venues';
import type { ComposedMessage } from './dto/composed-message.dto';
import { Invitation, InvitationMessage } from './invitation.entities';
import { ENDED_STATUSES } from './invitation-workflow';
import { InvitationLetterSettings } from './letter/letter.entities';
import { LetterRenderError } from './letter/letter-pdf';
import { renderLetter } from './letter/letter-threads';
import {
  copyToLines,
  dayAndDateWords,
  DEFAULT_LETTER_SETTINGS,
  fullAddress,
  LetterSettings,
  letterNumberText,
  placeAndDateLine,
  timeWords,
  venuePlace,
  vietnameseDateWords,
} from './letter/letter-rules';
import type { LetterView } from './letter/letter-view';
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
  /** The edition's letterhead and signer (defaults until planners save theirs). */
  letter: LetterSettings;
}

/** One row of CONTEXT_COLUMNS. */
export interface InvitationContextRow {
  invitation: Record<string, unknown>;
  venue: VenueInvitationFactsJson;
  year: number;
  theme: string;
  programme: ProgrammeLine[];
  letter: Record<string, unknown> | null;
}

/**
 * An invitation's context as one row, `FROM CONTEXT_FROM` where `i` is the invitation: this runs for
 * every e-mail sent, so the other libraries' rows come through their named read models
 * (VENUE_INVITATION_FACTS, EDITION_LETTER_FACTS, VENUE_PROGRAMME_LINES), joined here rather than read
 * one query each (a round trip and a statement more per e-mail: measurably slower on
 * bench/invitations). Provinces are reference data, named without a query.
 */
export const CONTEXT_COLUMNS = `row_to_json(i.*) AS invitation, v.facts AS venue, e.year, e.theme,
       COALESCE((SELECT json_agg(item.line ORDER BY item.start_time) FROM ${VENUE_PROGRAMME_LINES} item WHERE item.venue_id = i.venue_id), '[]') AS programme,
       row_to_json(s.*) AS letter`;
export const CONTEXT_FROM = `invitations i
       JOIN ${VENUE_INVITATION_FACTS} v ON v.id = i.venue_id
       JOIN ${EDITION_LETTER_FACTS} e ON e.id = i.edition_id
       LEFT JOIN invitation_letter_settings s ON s.edition_id = i.edition_id`;

/**
 * Turns an invitation and its venue as they are now into the e-mail and calendar entry a delegate
 * receives. Used by the worker to send and by the API to preview; it decides nothing.
 */
@Injectable()
export class InvitationComposer {
  constructor(private readonly config: AppConfig) {}

  /**
   * The delegate's pass code at the venue's door (the protocol library's check-in reads the same
   * derivation): printed with its QR code on the giấy mời and in the invitation e-mail.
   */
  passCodeOf(invitation: Pick<Invitation, 'id' | 'venueId'>): string {
    return passCode(this.config.LINK_SECRET, invitation.venueId, invitationAttendeeKey(invitation.id));
  }

  rsvpUrl(invitationId: string): string {
    return this.config.publicUrl(`/api/rsvp/${linkToken(this.config.LINK_SECRET, 'rsvp', invitationId)}`);
  }

  /** The invitation with its venue, edition and programme as they are now, in one statement (CONTEXT_COLUMNS). */
  async load(manager: EntityManager, invitationId: string): Promise<InvitationContext> {
    if (!invitationId) throw new Error('InvitationComposer.load needs an invitation id');
    const [row] = await queryRows<InvitationContextRow>(manager, `SELECT ${CONTEXT_COLUMNS} FROM ${CONTEXT_FROM} WHERE i.id = $1`, [invitationId]);
    if (!row) throw new NotFoundError('lời mời', invitationId);
    return this.contextOf(manager, row);
  }

  /**
   * The context from a row of CONTEXT_COLUMNS, for a caller that read it inside a statement of its own
   * (the sender reads it in the statement that claims the message: one round trip an e-mail, issue 21).
   */
  contextOf(manager: EntityManager, row: InvitationContextRow): InvitationContext {
    const province = provinceByCode(row.venue.provinceCode);
    if (!province) throw new NotFoundError('lời mời', String(row.invitation.id));
    return {
      invitation: hydrate(manager, Invitation, row.invitation),
      venue: readVenueInvitationFacts(row.venue),
      province,
      edition: { year: row.year, theme: row.theme },
      programme: row.programme,
      letter: row.letter ? settingsOf(hydrate(manager, InvitationLetterSettings, row.letter)) : DEFAULT_LETTER_SETTINGS,
    };
  }

  /**
   * The giấy mời of an issued invitation (it has its number) as printed: what the PDF attached to the
   * e-mail and downloaded from the console shows. No contact of the delegate is on it, and no RSVP
   * link (the PDF travels further than the e-mail: organizers may download it).
   */
  letter(
    context: InvitationContext,
    kind: 'invitation' | 'update' | 'programme-update' = 'invitation',
    previous: InvitationMessage['previous'] = null,
    /** The message's view when the caller has it already (only its place and date are read). */
    view: Pick<InvitationEmailView, 'venuePlace' | 'fullAddress' | 'date'> = this.emailView(context, { kind, reason: null, previous }),
  ): LetterView {
    const { invitation, venue, province, edition, letter } = context;
    if (invitation.letterNumber === null || !invitation.letterIssuedAt) {
      throw new LetterRenderError('Giấy mời chưa được cấp số (lời mời chưa gửi).');
    }
    const recipient = `Đồng chí ${invitation.delegateName}${invitation.delegateTitle ? `, ${invitation.delegateTitle}` : ''}`;
    const start = venue.startsAt;
    const pass = this.passCodeOf(invitation);
    return {
      issuingBody: letter.issuingBody,
      issuingUnit: letter.issuingUnit,
      numberText: letterNumberText(invitation.letterNumber, letter.numberCode),
      placeAndDate: placeAndDateLine(letter.place, invitation.letterIssuedAt),
      summary: `Dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} tại ${view.venuePlace}`,
      notice:
        kind === 'update'
          ? `Giấy mời này thay thế giấy mời cùng số đã gửi trước đây do thay đổi thời gian hoặc địa điểm${previous ? ` (trước đây: từ ${previous.startTime} đến ${previous.endTime}, ${vietnameseDateWords(previous.date)})` : ''}.`
          : kind === 'programme-update'
            ? 'Giấy mời này thay thế giấy mời cùng số đã gửi trước đây do điều chỉnh chương trình Ngày hội; thời gian và địa điểm không thay đổi.'
            : null,
      recipient,
      paragraphs: [
        `Thực hiện Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} với chủ đề “${edition.theme}”, ${letter.issuerName} trân trọng kính mời đồng chí ${ROLE_PHRASE[invitation.role]} Ngày hội, cụ thể như sau:`,
      ],
      details: [
        {
          label: 'Thời gian',
          value:
            start && venue.endsAt
              ? `từ ${timeWords(instantToLocalTime(start))} đến ${timeWords(instantToLocalTime(venue.endsAt))}, ${dayAndDateWords(instantToLocalDate(start))}`
              : view.date,
        },
        { label: 'Địa điểm', value: view.fullAddress },
        { label: 'Đơn vị tổ chức', value: hostOrganisation(venue, province) },
      ],
      closing: ['Rất mong đồng chí quan tâm, bố trí thời gian tham dự./.'],
      signerAuthority: letter.signerAuthority,
      signerTitle: letter.signerTitle,
      signerName: letter.signerName,
      copyTo: copyToLines(letter.copyTo),
      pass: { code: pass, modules: passQrModules(pass) },
    };
  }

  compose(
    context: InvitationContext,
    message: Pick<InvitationMessage, 'kind' | 'sequence' | 'reason' | 'previous'> & { method: NonNullable<InvitationMessage['method']> },
    view: InvitationEmailView = this.emailView(context, message),
  ): ComposedMessage {
    const rendered = renderInvitationEmail(view);
    return {
      to: { name: context.invitation.delegateName, address: context.invitation.delegateEmail },
      ...rendered,
      method: message.method,
      passCode: message.method === 'REQUEST' ? (view.passCode ?? this.passCodeOf(context.invitation)) : null,
      // The view's RSVP link when it has one (the same link: its HMAC computed once a message).
      ics: buildInvitationIcs(this.event(context, message.sequence, message.method === 'CANCEL', { rsvpUrl: view.rsvpUrl }), message.method),
    };
  }

  /** The giấy mời as a PDF file: what is attached to the e-mail and downloaded from the console. */
  async letterPdf(
    context: InvitationContext,
    message?: Pick<InvitationMessage, 'kind' | 'previous'>,
    emailView?: InvitationEmailView,
  ): Promise<{ filename: string; content: Buffer }> {
    const kind =
      message?.kind === 'update' || message?.kind === 'programme-update' ? message.kind : !message && context.invitation.sequence > 0 ? 'update' : 'invitation';
    const view = this.letter(context, kind, message?.previous ?? null, emailView);
    return { filename: letterFilename(context.invitation.letterNumber!), content: await renderLetter(view, this.config.LETTER_THREADS) };
  }

  /** A notice to the delegate's office without a calendar entry (a proposed substitute refused, with the reason). */
  composeNotice(context: InvitationContext, message: Pick<InvitationMessage, 'reason'>): Omit<ComposedMessage, 'method' | 'ics' | 'passCode'> {
    return {
      to: { name: context.invitation.delegateName, address: context.invitation.delegateEmail },
      ...renderInvitationEmail(this.emailView(context, { kind: 'notice', reason: message.reason, previous: null })),
    };
  }

  /** A reminder e-mail before the event (same details and RSVP link as the invitation). */
  composeReminder(context: InvitationContext, offsetMinutes: number): Omit<ComposedMessage, 'method' | 'ics' | 'passCode'> {
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

  event(
    context: InvitationContext,
    sequence: number,
    cancelled: boolean,
    { withRsvp = true, rsvpUrl: known = null }: { withRsvp?: boolean; rsvpUrl?: string | null } = {},
  ): InvitationEvent {
    const { invitation, venue, province, edition } = context;
    if (!venue.startsAt || !venue.endsAt) throw new Error(`venue ${venue.id} has no schedule`);
    const rsvpUrl = withRsvp ? (known ?? this.rsvpUrl(invitation.id)) : null;
    const address = fullAddress(venue.address, venue.communeName, province.name);
    return {
      uid: invitation.uid,
      sequence,
      stamp: new Date(),
      summary: `Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} — ${venue.name}`,
      description: [
        `Kính mời đồng chí ${invitation.delegateName}${invitation.delegateTitle ? `, ${invitation.delegateTitle}` : ''} ${roleText(invitation.role)}.`,
        `Địa điểm: ${address}.`,
        `Đơn vị tổ chức: ${hostOrganisation(venue, province)}.`,
        // The programme as it stands (giờ Việt Nam): an update after it changed shows the new times.
        ...(context.programme.length > 0
          ? [
              'Chương trình (giờ Việt Nam):',
              ...context.programme.map((item) => `${item.startTime}–${item.endTime} ${PROGRAMME_PART_NAMES[item.part]}: ${item.title}`),
            ]
          : []),
        ...(rsvpUrl ? [`Xác nhận tham dự: ${rsvpUrl}`] : []),
      ].join('\n'),
      start: venue.startsAt,
      end: venue.endsAt,
      location: {
        title: venue.name,
        address,
        latitude: venue.latitude,
        longitude: venue.longitude,
      },
      organizer: { name: this.config.COMMITTEE_NAME, email: this.config.COMMITTEE_EMAIL },
      attendee: { name: invitation.delegateName, email: invitation.delegateEmail },
      ...(rsvpUrl && { url: rsvpUrl }),
      cancelled,
    };
  }

  /**
   * What a message's e-mail (and its letter's place and date) show, computed once per message by the
   * sender and handed to compose and letterPdf (each computes it when not given).
   */
  emailView(context: InvitationContext, message: Pick<InvitationMessage, 'kind' | 'reason' | 'previous'>): InvitationEmailView {
    const { invitation, venue, province, edition, programme } = context;
    return {
      kind: message.kind,
      delegateName: invitation.delegateName,
      delegateTitle: invitation.delegateTitle,
      role: invitation.role === AssignmentRole.ChiefGuest ? 'chief_guest' : 'accompanying',
      editionYear: edition.year,
      editionTheme: edition.theme,
      venueName: venue.name,
      venuePlace: venuePlace(venue.name),
      fullAddress: fullAddress(venue.address, venue.communeName, province.name),
      letterNumber: invitation.letterNumber === null ? null : letterNumberText(invitation.letterNumber, context.letter.numberCode),
      letterPlaceAndDate: invitation.letterIssuedAt ? placeAndDateLine(context.letter.place, invitation.letterIssuedAt) : null,
      issuingBody: context.letter.issuingBody,
      issuingUnit: context.letter.issuingUnit,
      issuerName: context.letter.issuerName,
      signerAuthority: context.letter.signerAuthority,
      signerTitle: context.letter.signerTitle,
      signerName: context.letter.signerName,
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
      rsvpUrl: message.kind === 'cancellation' || message.kind === 'substituted' ? null : this.rsvpUrl(invitation.id),
      // The pass (and its QR code) goes with the letters that invite: not with a cancellation or a notice.
      passCode: PASS_KINDS.has(message.kind) ? this.passCodeOf(invitation) : null,
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

const PASS_KINDS = new Set<InvitationEmailView['kind']>(['invitation', 'update', 'programme-update']);

const ROLE_PHRASE: Record<AssignmentRole, string> = {
  [AssignmentRole.ChiefGuest]: 'tới dự, phát biểu chỉ đạo và tặng quà tại',
  [AssignmentRole.Accompanying]: 'tới dự',
};

/** "giay-moi-so-12.pdf": ASCII, so every mail client and browser keeps the name. */
function letterFilename(number: number): string {
  return `giay-moi-so-${number}.pdf`;
}

function settingsOf(stored: InvitationLetterSettings): LetterSettings {
  const { issuingBody, issuingUnit, issuerName, numberCode, place, signerAuthority, signerTitle, signerName, copyTo } = stored;
  return { issuingBody, issuingUnit, issuerName, numberCode, place, signerAuthority, signerTitle, signerName, copyTo };
}

function roleText(role: AssignmentRole): string {
  return role === AssignmentRole.ChiefGuest ? 'dự, phát biểu chỉ đạo và tặng quà tại Ngày hội' : 'cùng dự Ngày hội';
}

/** The province's police run the festival point, with the venue's co-host when it has one. */
export function hostOrganisation(venue: Pick<VenueInvitationFacts, 'coHost'>, province: Pick<ProvinceRecord, 'name' | 'kind'>): string {
  const police = `Công an ${province.kind === 'city' ? province.name : `tỉnh ${province.name}`}`;
  return venue.coHost ? `${police} phối hợp với ${venue.coHost}` : police;
}
