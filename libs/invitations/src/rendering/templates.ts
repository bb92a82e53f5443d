/**
 * Renders the invitation e-mails (invitation, update, cancellation) and the RSVP page from the
 * Handlebars files in ../templates. Owns wording and markup only; what to send, to whom and when is
 * the invitations service's business.
 *
 * HTML templates are compiled with escaping on, so every `{{value}}` is HTML-escaped; no template
 * uses `{{{triple-stash}}}` for data. Subjects and plain-text bodies are compiled with `noEscape`
 * (they are not HTML: `&` must stay `&`).
 */
import { join } from 'node:path';

import { EmailTemplates, RenderedEmail } from '@app/mail';

import { formatVietnameseDate, instantToLocalDate } from '@app/common';
import { FeedLinkEmailView, InvitationEmailView, RsvpPageView } from './rendering.types';

const ROLE_TEXT: Record<InvitationEmailView['role'], string> = {
  chief_guest: 'dự, phát biểu chỉ đạo và tặng quà',
  accompanying: 'cùng dự',
};

/** What an update says changed (the rest of the letter is the invitation as it now stands). */
const UPDATE_NOTICES: Partial<Record<InvitationEmailView['kind'], string>> = {
  update: 'Giấy mời có thay đổi về thời gian hoặc địa điểm tổ chức. Nội dung dưới đây thay thế giấy mời đã gửi trước đó.',
  'programme-update':
    'Chương trình Ngày hội đã được điều chỉnh; thời gian và địa điểm tổ chức không thay đổi. Nội dung dưới đây (chương trình mới nhất) thay thế giấy mời đã gửi trước đó.',
};

const ANSWER_TEXT: Record<string, string> = {
  accepted: 'Đồng chí đã xác nhận tham dự.',
  declined: 'Đồng chí đã báo vắng.',
  substitute_proposed: 'Đồng chí đã đề nghị cử người tham dự thay.',
  tentative: 'Đồng chí đã trả lời chưa chắc chắn tham dự.',
};

/**
 * The .hbs files: one level up from this file in the source tree (`src/rendering/` → `src/templates/`),
 * as under ts-node and jest; in a built app, where webpack makes `__dirname` the bundle's directory,
 * under the lib's own path beside main.js, where nest-cli.json's assets put them.
 */
const templates = new EmailTemplates([join(__dirname, '..', 'templates'), join(__dirname, 'libs/invitations/src/templates')]);

export function renderInvitationEmail(view: InvitationEmailView): RenderedEmail {
  const context = {
    ...view,
    isUpdate: view.kind === 'update' || view.kind === 'programme-update',
    updateBanner: view.kind === 'programme-update' ? 'THÔNG BÁO ĐIỀU CHỈNH CHƯƠNG TRÌNH' : 'THÔNG BÁO THAY ĐỔI',
    updateTag: view.kind === 'programme-update' ? 'CẬP NHẬT CHƯƠNG TRÌNH' : 'THÔNG BÁO THAY ĐỔI',
    updateNotice: UPDATE_NOTICES[view.kind] ?? '',
    roleText: ROLE_TEXT[view.role],
  };
  const template = view.kind === 'cancellation' || view.kind === 'substituted' || view.kind === 'notice' ? view.kind : 'invitation';
  return templates.render(template, context);
}

const EMPTY_FORM = { substituteName: '', substitutePosition: '', substituteEmail: '', substitutePhone: '', note: '' };

export function renderRsvpPage(view: RsvpPageView): string {
  // Nothing but the state reaches the template for an invalid link, whatever the caller passed.
  const context =
    view.state === 'invalid'
      ? { state: view.state }
      : {
          ...view,
          replacedBy: view.replacedBy ?? null,
          answerText: view.invitation?.answer ? ANSWER_TEXT[view.invitation.answer] : undefined,
          showForms: view.state === 'open' || view.state === 'answered',
          hasErrors: Boolean(view.errors && Object.keys(view.errors).length > 0),
          // Every field the form shows, so the (strict) template finds each one.
          errors: { ...EMPTY_FORM, ...view.errors },
          values: { ...EMPTY_FORM, ...view.values },
        };
  return templates.page('rsvp-page.html', context);
}

/** The letter that brings an attendee's calendar feed link to their office (first issue or re-issue). */
export function renderFeedLinkEmail(view: FeedLinkEmailView): RenderedEmail {
  // The link works until just before `expiresOn`: the letter names the last day it works.
  const lastDay = instantToLocalDate(new Date(view.expiresOn.getTime() - 1));
  return templates.render('feed-link', { ...view, expiresText: formatVietnameseDate(lastDay) });
}

/** A reminder before the event: the invitation's details plus how far ahead it is ("còn 1 ngày"). */
export function renderReminderEmail(view: InvitationEmailView, offsetMinutes: number): RenderedEmail {
  return templates.render('reminder', { ...view, dueText: dueText(offsetMinutes) });
}

function dueText(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'diễn ra hôm nay';
  if (offsetMinutes % (24 * 60) === 0) return `còn ${offsetMinutes / (24 * 60)} ngày`;
  if (offsetMinutes % 60 === 0) return `còn ${offsetMinutes / 60} giờ`;
  return `còn ${offsetMinutes} phút`;
}
