/**
 * The one way out for e-mail: a pooled nodemailer SMTP transport built from SMTP_URL. Features
 * compose messages; only this class talks SMTP. Runs in the worker (the API never sends).
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '@app/config';
import { inSpan, SpanKind } from '@app/telemetry';
import { WholeMessageStream } from './whole-message-stream';

export interface SentMail {
  messageId: string;
  accepted: string[];
}

@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  /** The send span's attributes: the relay's address, parsed once rather than for every message. */
  private readonly spanAttributes: Readonly<Record<string, string | number>>;

  constructor(private readonly config: AppConfig) {
    const relay = new URL(config.SMTP_URL);
    this.spanAttributes = Object.freeze({
      'network.protocol.name': 'smtp',
      'server.address': relay.hostname,
      'server.port': Number(relay.port || (relay.protocol === 'smtps:' ? 465 : 587)),
    });
    const options: SMTPPool.Options = {
      url: config.SMTP_URL,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    this.transport = nodemailer.createTransport(options);
    // Each message leaves in one socket write rather than one per chunk nodemailer streams (issue 21).
    this.transport.use('stream', (mail, done) => {
      mail.message.transform(() => new WholeMessageStream());
      done();
    });
  }

  get from(): string {
    return this.config.MAIL_FROM;
  }

  /** Sends one message, in an SMTP client span (the relay's address; never a recipient or the credentials). */
  async send(message: SendMailOptions): Promise<SentMail> {
    return inSpan('smtp send', { kind: SpanKind.CLIENT, attributes: this.spanAttributes }, async (span) => {
      const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, ...message });
      const accepted = (info.accepted ?? []).map(String);
      span.setAttribute('ngayhoi.mail.accepted', accepted.length);
      return { messageId: info.messageId, accepted };
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
