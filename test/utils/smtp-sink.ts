/**
 * A real SMTP server inside the test run (smtp-server, by the nodemailer authors) that keeps what it
 * receives, parsed with mailparser. It can refuse messages for a while to exercise retries.
 */
import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  /** The text/calendar alternative, if any, with the method from its Content-Type. */
  calendar: { method: string | null; ics: string } | null;
}

export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages to refuse (451) before accepting again. */
  refuseNext = 0;
  private server: SMTPServer;
  port = 0;

  /** With `auth`, the sink asks for these credentials (AUTH PLAIN/LOGIN, no TLS: a test's loopback only). */
  constructor(private readonly auth?: { user: string; pass: string }) {}

  /** Starts listening (on `port` when given: to come back on the same address after `stop`). */
  async start(port = 0): Promise<this> {
    const auth = this.auth;
    this.server = new SMTPServer({
      authOptional: !auth,
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: true,
      onAuth: (credentials, _session, callback) =>
        auth && credentials.username === auth.user && credentials.password === auth.pass
          ? callback(null, { user: credentials.username })
          : callback(new Error('Invalid username or password')),
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuseNext > 0) {
            this.refuseNext -= 1;
            const error = Object.assign(new Error('Hộp thư tạm thời không nhận thư'), { responseCode: 451 });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({ raw, parsed, calendar: calendarPart(raw) });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    // A client killed mid-session (the fault tests SIGKILL the worker) resets its socket: not a test failure.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    const credentials = this.auth ? `${encodeURIComponent(this.auth.user)}:${encodeURIComponent(this.auth.pass)}@` : '';
    return `smtp://${credentials}127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => addressesOf(mail).includes(address.toLowerCase()));
  }

  async waitFor(count: number, filter: (mail: ReceivedMail) => boolean = () => true, ms = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const matching = this.received.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) throw new Error(`SMTP sink: expected ${count} message(s), got ${matching.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Messages carrying this header value (e.g. X-Ngayhoi-Reminder). */
  withHeader(name: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.parsed.headers.has(name.toLowerCase()));
  }
}

function addressesOf(mail: ReceivedMail): string[] {
  const to = mail.parsed.to;
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((entry) => entry.value.map((address) => (address.address ?? '').toLowerCase()));
}

/** Finds the text/calendar MIME part and decodes it (nodemailer sends it base64 or quoted-printable). */
function calendarPart(raw: string): ReceivedMail['calendar'] {
  const match = /Content-Type: text\/calendar;([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)\r?\n((?:[^\r\n]+\r?\n)*)\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  if (!match) return null;
  const method = /method=("?)([A-Z]+)\1/i.exec(match[1])?.[2]?.toUpperCase() ?? null;
  const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(match[2])?.[1]?.toLowerCase();
  const body = match[3];
  const ics =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { method, ics };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
