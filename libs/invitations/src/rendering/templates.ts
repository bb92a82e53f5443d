/**
 * Renders the invitation e-mails (invitation, update, cancellation) and the RSVP page from the
 * Handlebars files in ../templates. Owns wording and markup only; what to send, to whom and when is
 * the invitations service's business.
 *
 * HTML templates are compiled with escaping on, so every `{{value}}` is HTML-escaped; no template
 * uses `{{{triple-stash}}}` for data. Subjects and plain-text bodies are compiled with `noEscape`
 * (they are not HTML: `&` must stay `&`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Handlebars from 'handlebars';

import { formatVietnameseDate } from '@app/common/time';

import { InvitationEmailView, RenderedEmail, RsvpPageView } from './rendering.types';

type TemplateName =
  | 'invitation-subject'
  | 'invitation.html'
  | 'invitation.text'
  | 'cancellation-subject'
  | 'cancellation.html'
  | 'cancellation.text'
  | 'rsvp-page.html'
  | 'reminder-subject'
  | 'reminder.html'
  | 'reminder.text';

const ROLE_TEXT: Record<InvitationEmailView['role'], string> = {
  chief_guest: 'dự, phát biểu chỉ đạo và tặng quà',
  accompanying: 'cùng dự',
};

const ANSWER_TEXT: Record<string, string> = {
  accepted: 'Đồng chí đã xác nhận tham dự.',
  declined: 'Đồng chí đã báo vắng.',
  substitute_proposed: 'Đồng chí đã đề nghị cử người tham dự thay.',
};

/**
 * Where the .hbs files are: next to the bundle in production (the build copies `templates/` beside
 * main.js, and webpack leaves `__dirname` as the bundle's directory), otherwise one level up from
 * this file in the source tree (`src/rendering/` → `src/templates/`), as under ts-node and jest.
 */
function templateDir(): string {
  const bundled = join(__dirname, 'templates');
  return existsSync(bundled) ? bundled : join(__dirname, '..', 'templates');
}

/** A private instance, so helpers registered here do not leak into other Handlebars users. */
const handlebars = Handlebars.create();

handlebars.registerHelper('vnDate', (date: unknown) =>
  typeof date === 'string' && date !== '' ? formatVietnameseDate(date) : '',
);
handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);
/** Headings and signatures in capitals, as on a printed official letter (Vietnamese-aware). */
handlebars.registerHelper('upper', (value: unknown) =>
  typeof value === 'string' ? value.toLocaleUpperCase('vi') : '',
);

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();
let resolvedDir: string | undefined;

function template(name: TemplateName): Handlebars.TemplateDelegate {
  let found = compiled.get(name);
  if (!found) {
    resolvedDir ??= templateDir();
    const source = readFileSync(join(resolvedDir, `${name}.hbs`), 'utf8');
    found = handlebars.compile(source, {
      // HTML is escaped; subjects and text bodies are not HTML.
      noEscape: !name.endsWith('.html'),
      strict: true,
    });
    compiled.set(name, found);
  }
  return found;
}

export function renderInvitationEmail(view: InvitationEmailView): RenderedEmail {
  const context = {
    ...view,
    isUpdate: view.kind === 'update',
    roleText: ROLE_TEXT[view.role],
  };
  const prefix = view.kind === 'cancellation' ? 'cancellation' : 'invitation';
  return {
    subject: oneLine(template(`${prefix}-subject`)(context)),
    html: template(`${prefix}.html`)(context),
    text: tidyText(template(`${prefix}.text`)(context)),
  };
}

export function renderRsvpPage(view: RsvpPageView): string {
  // Nothing but the state reaches the template for an invalid link, whatever the caller passed.
  const context =
    view.state === 'invalid'
      ? { state: view.state }
      : {
          ...view,
          answerText: view.invitation?.answer ? ANSWER_TEXT[view.invitation.answer] : undefined,
          showForms: view.state === 'open' || view.state === 'answered',
        };
  return template('rsvp-page.html')(context);
}

/** A subject is one header line: collapse the template's line breaks and runs of spaces. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Trailing spaces off, at most one blank line in a row, one final newline. */
function tidyText(value: string): string {
  return `${value
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** A reminder before the event: the invitation's details plus how far ahead it is ("còn 1 ngày"). */
export function renderReminderEmail(view: InvitationEmailView, offsetMinutes: number): RenderedEmail {
  const context = { ...view, dueText: dueText(offsetMinutes) };
  return {
    subject: oneLine(template('reminder-subject')(context)),
    html: template('reminder.html')(context),
    text: tidyText(template('reminder.text')(context)),
  };
}

function dueText(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'diễn ra hôm nay';
  if (offsetMinutes % (24 * 60) === 0) return `còn ${offsetMinutes / (24 * 60)} ngày`;
  if (offsetMinutes % 60 === 0) return `còn ${offsetMinutes / 60} giờ`;
  return `còn ${offsetMinutes} phút`;
}
