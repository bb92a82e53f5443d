import type { MessageMethod } from '../invitation.entities';

export class MailAddress {
  name: string;
  address: string;
}

/** An invitation e-mail as the delegate receives it: HTML and text bodies and the calendar entry. */
export class ComposedMessage {
  to: MailAddress;
  subject: string;
  html: string;
  text: string;
  /** iTIP method of the calendar entry: a new or updated event, or its cancellation. */
  method: MessageMethod;
  /**
   * The delegate's pass code (mã thẻ) for the venue's door, on a REQUEST: the e-mail shows it typed and
   * as a QR code (an inline PNG the sender attaches under the content id PASS_QR_CID).
   */
  passCode: string | null;
  /** The iCalendar (RFC 5545) attachment. */
  ics: string;
}
