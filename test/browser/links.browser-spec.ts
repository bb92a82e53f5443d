/**
 * Every link lands (issue 17): each kind of notification, and each e-mail that links to the console
 * (the organizers' reminders: a task's deadline, its overdue escalation to the province and to the
 * centre, a venue's key date), is followed in Chromium by one of its readers, logged in, to a console
 * page that shows its object — never the console's "Không tìm thấy trang này". The causes are real
 * (the API, the RSVP page, the inbound calendar hook, the worker sending reminders through an SMTP
 * sink), except the planning run's outcome, told through the Notifier port as the solver does.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import { Notifier } from '@app/common';
import type { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { NotificationKind } from '@app/notifications';
import { JobProducer } from '@app/queue';
import { FireReminderJob } from '@app/reminders';
import { createEdition, createLeader, createUser, createVenue } from '../utils/factories';
import { SmtpSink } from '../utils/smtp-sink';
import { TEST_ENV } from '../test-env';
import type { TestApp } from '../utils/test-app';
import { createTestWorker } from '../utils/test-worker';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(240_000);

const NOT_FOUND = 'Không tìm thấy trang này';

/** What a followed link must show: a heading, or a part of the page with a text in it. */
type Expectation = { heading: RegExp } | { testId: string; text: string } | { selector: string; text: string };

describe('Every link lands (Chromium)', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let context: BrowserContext;
  let base: string;
  let edition: Edition;
  let planner: User;
  let organizer: User;
  const bearer: Record<string, string> = {};
  const problems: string[] = [];

  beforeAll(async () => {
    await sink.start();
    ({ t, base } = await startConsole());
    // The worker writes the links of its e-mails with the console's own address, as production does.
    worker = await createTestWorker({ SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50', PUBLIC_BASE_URL: base });
    edition = await createEdition(t.dataSource);
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Lê Thị Liên Kết' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Văn Đường Dẫn' });
    for (const user of [planner, organizer]) bearer[user.id] = `Bearer ${await t.tokenFor(user)}`;
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Later suites of the run count the planners and Lai Châu's organizers: these two leave.
    if (planner) await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id]]);
    await worker?.close();
    await t?.close();
    await sink.stop();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const transition = async (venueId: string, body: Record<string, unknown>) =>
    (await t.http.post(`/api/venues/${venueId}/transitions`).set('Authorization', bearer[planner.id]).send(body).expect(200)).body;
  const versionOf = async (venueId: string): Promise<number> => (await t.dataSource.query(`SELECT version FROM venues WHERE id = $1`, [venueId]))[0].version;
  /** The reader's newest entry of a kind (about a subject when given). */
  const linkOf = async (kind: NotificationKind, reader: User, subjectId: string | null = null): Promise<string> => {
    const [row] = await t.dataSource.query(
      `SELECT link FROM notifications WHERE kind = $1 AND user_id = $2 AND ($3::uuid IS NULL OR subject_id = $3) ORDER BY seq DESC LIMIT 1`,
      [kind, reader.id, subjectId],
    );
    if (!row) throw new Error(`no ${kind} notification for ${reader.email}`);
    return row.link as string;
  };

  /** Opens a link as the logged-in reader and checks the page shows its object. */
  async function follow(page: Page, url: string, expected: Expectation, name: string): Promise<void> {
    await page.goto(url.startsWith('http') ? url : `${base}${url}`);
    if ('heading' in expected) await page.getByRole('heading', { name: expected.heading }).first().waitFor();
    else {
      const part = 'testId' in expected ? page.getByTestId(expected.testId) : page.locator(expected.selector);
      await part.filter({ hasText: expected.text }).first().waitFor();
    }
    expect(await page.locator('main, body').first().textContent()).not.toContain(NOT_FOUND);
    await shot(page, `link-${name}`);
  }

  it('follows every kind of notification and every console link of the reminder e-mails to a page that shows its object', async () => {
    const notifier = t.app.get(Notifier);

    // — Venues: nominated (planners), approved / rejected / rescheduled / cancelled (the province's organizers).
    const nominated = (
      await t.http
        .post('/api/venues')
        .set('Authorization', bearer[organizer.id])
        .send({
          editionId: edition.id,
          name: 'Điểm bản Liên Kết',
          tier: 'provincial',
          provinceCode: '12',
          communeName: 'Xã Sìn Hồ',
          hostKind: 'ban',
          address: 'Bản Liên Kết, xã Sìn Hồ',
          latitude: 22.36,
          longitude: 103.24,
          expectedAttendance: 300,
          candidateDates: [`${edition.year}-08-12`],
        })
        .expect(201)
    ).body;
    const main = await createVenue(t.dataSource, edition, '12', {
      name: 'Điểm xã Nậm Tăm',
      status: 'shortlisted' as never,
      candidateDates: [`${edition.year}-08-15`],
    });
    await transition(main.id, { to: 'approved', version: main.version });
    await transition(main.id, { to: 'scheduled', version: await versionOf(main.id), date: `${edition.year}-08-15`, startTime: '08:00', endTime: '11:00' });
    await transition(main.id, { to: 'scheduled', version: await versionOf(main.id), date: `${edition.year}-08-16`, startTime: '08:00', endTime: '11:00' });
    const rejected = await createVenue(t.dataSource, edition, '12', { name: 'Điểm xã Pa Tần' });
    await transition(rejected.id, { to: 'rejected', version: rejected.version, reason: 'Trùng địa bàn' });
    const cancelled = await createVenue(t.dataSource, edition, '12', { name: 'Điểm xã Nậm Ban' });
    await transition(cancelled.id, { to: 'cancelled', version: cancelled.version, reason: 'Sạt lở' });

    // — A task blocked by a planner (the province's organizers).
    const tasks: { id: string; title: string; version: number }[] = (
      await t.http.get(`/api/venues/${main.id}/tasks`).set('Authorization', bearer[planner.id]).expect(200)
    ).body;
    const blocked = tasks[0];
    await t.http
      .patch(`/api/venues/${main.id}/tasks/${blocked.id}`)
      .set('Authorization', bearer[planner.id])
      .send({ version: blocked.version, status: 'blocked', blockedReason: 'Chưa có kinh phí' })
      .expect(200);

    // — Reminders the worker sends (e-mails with console links), the overdue ones also notifying.
    const reminderOf = async (kind: string, subjectIds: string[], group: string) =>
      (
        await t.dataSource.query(
          `SELECT id FROM reminders WHERE kind = $1 AND subject_id = ANY($2::uuid[]) AND recipient_group = $3 AND status = 'pending' ORDER BY due_at LIMIT 1`,
          [kind, subjectIds, group],
        )
      )[0]?.id as string;
    const taskIds = tasks.map((task) => task.id);
    const fired = {
      deadline: await reminderOf('task_deadline', taskIds, 'province:12'),
      overdue: await reminderOf('task_overdue', taskIds, 'province:12'),
      overdueToCentre: await reminderOf('task_overdue', taskIds, 'planners'),
      keyDate: await reminderOf('venue_key_date', [main.id], 'province:12'),
    };
    for (const [name, id] of Object.entries(fired)) expect({ name, id }).toEqual({ name, id: expect.any(String) });
    for (const id of Object.values(fired)) {
      const [[row]] = await t.dataSource.query(`UPDATE reminders SET due_at = now(), revision = revision + 1 WHERE id = $1 RETURNING id, revision, due_at`, [
        id,
      ]);
      await t.app.get(JobProducer).enqueue(FireReminderJob, { reminderId: row.id, revision: row.revision, dueAt: new Date(row.due_at).getTime() });
    }
    const ids = Object.values(fired);
    const mails = await sink.waitFor(ids.length, (mail) => ids.includes(mail.parsed.headers.get('x-ngayhoi-reminder') as string), 30_000);

    // — Invitations: accepted, declined, a substitute proposed (RSVP page), a calendar reply matching nothing.
    const invitedVenue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm bản Mời Dự', scheduleOn: `${edition.year}-08-18` });
    const leader = await createLeader(t.dataSource, { fullName: 'Hoàng Văn Khách', position: 'Thứ trưởng', officeEmail: 'vp.khach@vanphong.example.vn' });
    await t.http
      .post(`/api/venues/${invitedVenue.id}/leaders`)
      .set('Authorization', bearer[planner.id])
      .send({ leaderId: leader.id, role: 'chief_guest' })
      .expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', bearer[planner.id]).expect(202);
    const [{ id: invitationId }] = await t.dataSource.query(`SELECT id FROM invitations WHERE leader_id = $1`, [leader.id]);
    const rsvp = `/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`;
    await t.http.post(rsvp).type('form').send({ answer: 'accept' }).expect(200);
    await t.http.post(rsvp).type('form').send({ answer: 'decline' }).expect(200);
    await t.http
      .post(rsvp)
      .type('form')
      .send({ answer: 'substitute', substituteName: 'Đỗ Thị Thay', substitutePosition: 'Vụ trưởng', substituteEmail: 'thay@vanphong.example.vn' })
      .expect(200);
    await t.http
      .post('/api/inbound/calendar-replies')
      .set('Content-Type', 'text/calendar; method=REPLY')
      .set('X-Inbound-Secret', TEST_ENV.INBOUND_HOOK_SECRET)
      .send(
        ['BEGIN:VCALENDAR', 'METHOD:REPLY', 'BEGIN:VEVENT', `UID:${randomUUID()}@ngayhoi.vn`, 'DTSTAMP:20300801T010000Z']
          .concat(['ATTENDEE;PARTSTAT=ACCEPTED:mailto:la@khac.example.vn', 'END:VEVENT', 'END:VCALENDAR', ''])
          .join('\r\n'),
      )
      .expect(422);

    // — A planning run's outcome, told to the planner who started it.
    for (const kind of ['planning_run_finished', 'planning_run_failed'] as const)
      await notifier.notify(t.dataSource.manager, { kind, runId: randomUUID(), requestedBy: planner.id }, null);

    /** Each kind, the reader who follows it, and what the page must show. */
    const venuePage = (name: string): Expectation => ({ heading: new RegExp(name) });
    const toFollow: Record<NotificationKind, { reader: User; subject?: string; expected: Expectation }> = {
      [NotificationKind.VenueNominated]: { reader: planner, subject: nominated.id, expected: venuePage('Điểm bản Liên Kết') },
      [NotificationKind.VenueApproved]: { reader: organizer, subject: main.id, expected: venuePage('Điểm xã Nậm Tăm') },
      [NotificationKind.VenueRejected]: { reader: organizer, subject: rejected.id, expected: venuePage('Điểm xã Pa Tần') },
      [NotificationKind.VenueRescheduled]: { reader: organizer, subject: main.id, expected: { testId: 'venue-schedule', text: `16/08/${edition.year}` } },
      [NotificationKind.VenueCancelled]: { reader: organizer, subject: cancelled.id, expected: venuePage('Điểm xã Nậm Ban') },
      [NotificationKind.TaskBlocked]: {
        reader: organizer,
        subject: main.id,
        expected: { selector: '[data-testid="task-card"][aria-current="true"]', text: blocked.title },
      },
      [NotificationKind.TaskOverdue]: { reader: organizer, expected: { testId: 'readiness-province', text: 'Lai Châu' } },
      [NotificationKind.PlanningRunFinished]: { reader: planner, expected: { heading: /Lập kế hoạch phân công lãnh đạo/ } },
      [NotificationKind.PlanningRunFailed]: { reader: planner, expected: { heading: /Lập kế hoạch phân công lãnh đạo/ } },
      [NotificationKind.InvitationAccepted]: { reader: organizer, subject: invitationId, expected: { testId: 'venue-answer', text: 'Hoàng Văn Khách' } },
      [NotificationKind.InvitationDeclined]: { reader: organizer, subject: invitationId, expected: { testId: 'venue-answer', text: 'Hoàng Văn Khách' } },
      [NotificationKind.SubstituteProposed]: { reader: planner, subject: invitationId, expected: { selector: '#tra-loi-giay-moi', text: 'Đỗ Thị Thay' } },
      [NotificationKind.CalendarReplyUnmatched]: { reader: planner, expected: { heading: /Lời mời — đợt năm/ } },
    };

    const page = await watchedPage(context, problems);
    for (const reader of [organizer, planner]) {
      await logInAs(page, base, reader.email, edition.id);
      for (const [kind, { subject, expected }] of Object.entries(toFollow).filter(([, entry]) => entry.reader === reader))
        await follow(page, await linkOf(kind as NotificationKind, reader, subject ?? null), expected, kind);

      // The reminder e-mails this reader received: every link into the console, as the HTML's buttons have them.
      const received = mails.filter((mail) =>
        [mail.parsed.to]
          .flat()
          .flatMap((to) => to?.value ?? [])
          .some((address) => address.address === reader.email),
      );
      expect(received.length).toBeGreaterThan(0);
      for (const mail of received) {
        const reminderId = mail.parsed.headers.get('x-ngayhoi-reminder') as string;
        const links = [...String(mail.parsed.html).matchAll(/href="([^"]+)"/g)]
          .map((match) => match[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'))
          .filter((href) => href.startsWith(base));
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) {
          const expected: Expectation =
            reminderId === fired.keyDate
              ? venuePage('Điểm xã Nậm Tăm')
              : { selector: '[data-testid="task-card"][aria-current="true"]', text: tasks.find((task) => link.includes(task.id))?.title ?? '—' };
          await follow(page, link, expected, `mail-${Object.entries(fired).find(([, id]) => id === reminderId)![0]}`);
        }
      }
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL(/\/dang-nhap$/);
    }
    // Between the two readers, every kind and every reminder e-mail was followed.
    expect(Object.keys(toFollow).sort()).toEqual(Object.values(NotificationKind).sort());
    await page.close();
  });
});
