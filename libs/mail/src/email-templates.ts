/**
 * Handlebars e-mail templates kept in files (`<name>-subject.hbs`, `<name>.html.hbs`, `<name>.text.hbs`),
 * one private Handlebars instance per feature so helpers do not leak between them. HTML templates are
 * compiled with escaping on; subjects and plain-text bodies with `noEscape` (they are not HTML: `&`
 * must stay `&`). Templates are compiled once, on first use, with `strict` so a misspelt field fails
 * loudly instead of printing nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { formatVietnameseDate } from '@app/common';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The helpers every template may use, beside Handlebars' own (if, unless, each, with, lookup, log). */
const HELPERS = {
  vnDate: (date: unknown) => (typeof date === 'string' && date !== '' ? formatVietnameseDate(date) : ''),
  eq: (left: unknown, right: unknown) => left === right,
  /** Headings and signatures in capitals, as on a printed official letter (Vietnamese-aware). */
  upper: (value: unknown) => (typeof value === 'string' ? value.toLocaleUpperCase('vi') : ''),
};
const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]));

export class EmailTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private dir: string | undefined;

  /**
   * @param candidates where the .hbs files may be, first existing wins: next to the bundle in
   * production (the build copies them beside main.js), then the source tree (ts-node, jest).
   */
  constructor(private readonly candidates: string[]) {
    this.handlebars.registerHelper(HELPERS);
  }

  /** Subject, HTML and text of the e-mail `name`. */
  render(name: string, context: object): RenderedEmail {
    return {
      subject: oneLine(this.template(`${name}-subject`)(context)),
      html: this.template(`${name}.html`)(context),
      text: tidyText(this.template(`${name}.text`)(context)),
    };
  }

  /** One template file rendered as is (an HTML page). */
  page(name: string, context: object): string {
    return this.template(name)(context);
  }

  private template(name: string): Handlebars.TemplateDelegate {
    let found = this.compiled.get(name);
    if (!found) {
      this.dir ??= this.candidates.find((dir) => existsSync(join(dir, `${name}.hbs`))) ?? this.candidates[this.candidates.length - 1];
      // Only our helpers and the built-in ones exist: told so, Handlebars compiles `{{field}}` to a plain
      // property read instead of asking at every render whether `field` is a helper (issue 21).
      found = this.handlebars.compile(readFileSync(join(this.dir, `${name}.hbs`), 'utf8'), {
        noEscape: !name.endsWith('.html'),
        strict: true,
        knownHelpers: KNOWN_HELPERS,
        knownHelpersOnly: true,
      });
      this.compiled.set(name, found);
    }
    return found;
  }
}

/** Longest subject we send: a venue name typed by someone (up to 300 characters) cannot make it longer. */
const SUBJECT_MAX = 250;

/**
 * A subject is one header line, and carries text people typed (a venue's name): line breaks and runs of
 * spaces collapse, control and invisible formatting characters (bidirectional overrides that would
 * show the subject reversed, zero-width characters) are removed, and it is cut to SUBJECT_MAX with '…'.
 * Nodemailer then encodes it (RFC 2047), so nothing typed can start another header.
 */
export function oneLine(value: string): string {
  const line = value
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length <= SUBJECT_MAX ? line : `${line.slice(0, SUBJECT_MAX - 1).trimEnd()}…`;
}

/** Trailing spaces off, at most one blank line in a row, one final newline. */
function tidyText(value: string): string {
  return `${value
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
