/**
 * What the invitation renderers take. Plain data, already decided by the invitations service:
 * the renderers only format (Vietnamese text, Asia/Ho_Chi_Minh times, iCalendar).
 */

export type ItipMethod = 'REQUEST' | 'CANCEL';

/** One calendar event of one invitation. */
export interface InvitationEvent {
  /** Stable for the life of the invitation, e.g. `<invitation id>@ngayhoi.vn`. */
  uid: string;
  /** iCalendar SEQUENCE: rises on every change of date, time or place, and on cancellation. */
  sequence: number;
  /** DTSTAMP: when this revision was issued. */
  stamp: Date;
  summary: string;
  description: string;
  /** Instants (UTC); written with TZID=Asia/Ho_Chi_Minh. */
  start: Date;
  end: Date;
  location: { title: string; address: string; latitude: number; longitude: number };
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** RSVP page of this invitation. */
  url?: string;
  /** True once the venue is cancelled or the invitation withdrawn (feeds show STATUS:CANCELLED). */
  cancelled?: boolean;
}

export interface ProgrammeLine {
  startTime: string; // HH:mm local
  endTime: string;
  title: string;
  partName: string; // 'Phần lễ' | 'Phần hội'
}

/** Everything the invitation and cancellation e-mails show. */
export interface InvitationEmailView {
  /** 'update': the date, hours or place changed; 'programme-update': the programme changed. */
  kind: 'invitation' | 'update' | 'programme-update' | 'cancellation' | 'substituted' | 'notice';
  delegateName: string;
  /** e.g. 'Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ' */
  delegateTitle: string | null;
  /** 'chief_guest' | 'accompanying' */
  role: 'chief_guest' | 'accompanying';
  editionYear: number;
  editionTheme: string;
  venueName: string;
  /** Where, as the phrase after "tại" (the venue's name without "Ngày hội … tại"). */
  venuePlace: string;
  /** The one address line: address, then commune and province where the address does not name them. */
  fullAddress: string;
  /** "12/GM-BCĐ" once the letter is issued (null in a preview of a draft). */
  letterNumber: string | null;
  /** "Hà Nội, ngày 05 tháng 7 năm 2027", with the number. */
  letterPlaceAndDate: string | null;
  issuingBody: string;
  issuingUnit: string;
  /** The issuing unit as a sentence names it ("Ban Chỉ đạo … trân trọng kính mời"). */
  issuerName: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
  address: string;
  communeName: string;
  provinceName: string;
  /** Local date, YYYY-MM-DD, and local times HH:mm (Asia/Ho_Chi_Minh). */
  date: string;
  startTime: string;
  endTime: string;
  programme: ProgrammeLine[];
  hostOrganisation: string;
  contact: { name: string; phone: string | null; email: string | null };
  rsvpUrl: string | null;
  feedUrl: string | null;
  /** The delegate's pass code (XXXX-XXXX) on letters that invite; its QR code is the inline image `cid:pass-qr@ngayhoi.vn`. */
  passCode: string | null;
  /** Why the event was cancelled or the invitation withdrawn (cancellation e-mails). */
  reason: string | null;
  /** Previous date/time when this is an update after a reschedule. */
  previous: { date: string; startTime: string; endTime: string } | null;
}

/** The RSVP page (GET shows, forms POST back to the same URL). */
export interface RsvpPageView {
  state: 'open' | 'answered' | 'withdrawn' | 'invalid';
  /** Absent when state is 'invalid' (nothing is revealed). */
  invitation?: {
    delegateName: string;
    venueName: string;
    address: string;
    provinceName: string;
    date: string;
    startTime: string;
    endTime: string;
    editionYear: number;
    /** 'accepted' | 'declined' | 'substitute_proposed' | null (not answered yet) */
    answer: string | null;
  };
  /**
   * Who attends instead, once a planner approved the deputy the office proposed (withdrawn state): their
   * name and position as the office gave them, never their contacts.
   */
  replacedBy?: { name: string; position: string } | null;
  /** Form action (the same RSVP URL). */
  actionUrl?: string;
  /** Message shown after a POST, e.g. 'Cảm ơn, câu trả lời của đồng chí đã được ghi nhận.' */
  notice?: string;
  /** What was wrong with a posted form, by field (nothing was recorded), and what was typed, to fill it again. */
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/** The letter carrying an attendee's calendar feed link. */
export interface FeedLinkEmailView {
  delegateName: string;
  editionYear: number;
  /** https URL of the feed, and the same as webcal: (what calendar apps subscribe to). */
  feedUrl: string;
  webcalUrl: string;
  /** The first instant the link no longer answers. */
  expiresOn: Date;
}
