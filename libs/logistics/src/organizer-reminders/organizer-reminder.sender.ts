import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { activeAccountsWithRole, Role } from '@app/auth';
import {
  CONSOLE_LINKS,
  daysBetween,
  instantToLocalDate,
  instantToLocalTime,
  IsoDate,
  localToInstant,
  Notifier,
  queryRows,
  todayInFestivalZone,
} from '@app/common';
import { AppConfig } from '@app/config';
import { findEdition } from '@app/editions';
import { EmailTemplates, Mailer, RenderedEmail } from '@app/mail';
import { provinceNames } from '@app/provinces';
import { ORGANIZER_REMINDER_TIME, provinceOfGroup, taskDeadline, type Reminder, ReminderKind, ReminderSenders } from '@app/reminders';
import { VENUE_FACTS } from '@app/venues';
import { VenueTask } from '../tasks/task.entities';
import { TASK_STATUS_NAMES, TaskStatus } from '../tasks/task.enums';
import { readinessOf } from '../readiness/readiness-rules';
import { CENTRAL_RECIPIENT_NAME, provinceRecipientName } from './organizer-reminders';

interface VenueFacts {
  editionYear: number;
  opening: Date | null;
  venueId: string;
  venueName: string;
  address: string;
  communeName: string;
  provinceName: string;
  date: IsoDate | null;
  startTime: string | null;
  endTime: string | null;
}

export type OrganizerReminderView = VenueFacts & {
  recipientName: string;
  /** Set when the province has no organizer account and the central planners get its reminder instead. */
  fallbackNote: string | null;
  link: string;
} & (
    | { kind: ReminderKind.VenueKeyDate; daysLeft: number; readiness: { donePercent: number; open: number; overdue: number; blocked: number } }
    | {
        kind: ReminderKind.TaskDeadline | ReminderKind.TaskOverdue;
        offsetMinutes: number;
        /** How long past its deadline the task is when the e-mail goes (a late escalation: more than its offset). */
        overdueMinutes?: number;
        toCentre: boolean;
        taskTitle: string;
        responsibleUnit: string;
        ownerName: string | null;
        dueDate: IsoDate;
        status: TaskStatus;
        blockedReason: string | null;
      }
  );

/**
 * What the central planners are asked to do with a province's reminder that reached them because the
 * province has no organizer account: pass it on (what the province must do), and give the province an account.
 */
export function fallbackRequest(view: OrganizerReminderView): string {
  const province = `Ban Tổ chức Ngày hội ${view.provinceName}`;
  const passOn =
    view.kind === ReminderKind.VenueKeyDate
      ? `thông báo cho ${province} về lịch tổ chức và tình hình chuẩn bị dưới đây, đôn đốc hoàn thành các việc còn lại trước Ngày hội`
      : view.kind === ReminderKind.TaskOverdue
        ? `đôn đốc ${province} khẩn trương hoàn thành công việc quá hạn dưới đây và báo cáo kết quả`
        : `thông báo cho ${province} để hoàn thành công việc dưới đây đúng hạn`;
  return `Đề nghị Ban Chỉ đạo: (1) ${passOn}; (2) tạo tài khoản Ban Tổ chức trên hệ thống cho ${view.provinceName}, để các thư nhắc sau được gửi thẳng đến địa phương.`;
}

/** "24 giờ" up to two days, then whole days ("14 ngày"). */
export function overdueText(minutes: number): string {
  const hours = Math.round(minutes / 60);
  return hours <= 48 ? `${hours} giờ` : `${Math.floor(hours / 24)} ngày`;
}

/** Everything the organizer templates need, from the view (flags, texts). Pure: tested without Nest. */
export function renderOrganizerReminder(view: OrganizerReminderView): RenderedEmail {
  const common = {
    ...view,
    isVenue: view.kind === ReminderKind.VenueKeyDate,
    isOverdue: view.kind === ReminderKind.TaskOverdue,
    fallbackRequest: view.fallbackNote ? fallbackRequest(view) : null,
  };
  if (view.kind === ReminderKind.VenueKeyDate) return templates.render('organizer-reminder', { ...common, toCentre: false });
  const daysBefore = Math.floor(view.offsetMinutes / (24 * 60));
  return templates.render('organizer-reminder', {
    ...common,
    dueText: daysBefore <= 0 ? 'hạn là hôm nay' : `còn ${daysBefore} ngày`,
    overdueText: overdueText(Math.max(-view.offsetMinutes, view.overdueMinutes ?? 0)),
    // The task board's own words for the status (one list, task.enums.ts), so the e-mail and the board agree.
    statusText: TASK_STATUS_NAMES[view.status],
    blockedReason: view.status === TaskStatus.Blocked ? view.blockedReason : null,
  });
}

/** Days between the day a venue reminder was planned for (its offset back from the opening) and the festival day. */
function daysBefore(date: IsoDate, opening: Date | null, offsetMinutes: number): number {
  const plannedFor = instantToLocalDate(new Date((opening ?? localToInstant(date, ORGANIZER_REMINDER_TIME)).getTime() - offsetMinutes * 60_000));
  return daysBetween(plannedFor, date);
}

/** Templates beside this file in the sources; in a built worker under the lib's own path beside main.js (nest-cli.json's assets). */
const templates = new EmailTemplates([join(__dirname, 'templates'), join(__dirname, 'libs/logistics/src/organizer-reminders/templates')]);

/**
 * Sends the organizers' reminders (task deadlines, overdue escalations, venue key dates). The
 * recipients are resolved now, not when the reminder was planned: the active organizers of the
 * province, or the active central planners — so someone appointed since gets it, someone deactivated
 * does not. A province without an organizer account has its reminder sent to the central planners,
 * greeting them and saying what they are asked to do (pass it on, give the province an account). One message per reminder, with a Message-ID stable per revision (as for delegates).
 */
@Injectable()
export class OrganizerReminderSender implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly senders: ReminderSenders,
    private readonly config: AppConfig,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    for (const kind of [ReminderKind.TaskDeadline, ReminderKind.TaskOverdue, ReminderKind.VenueKeyDate]) {
      this.senders.register(kind, (reminder) => this.send(reminder));
    }
  }

  async send(reminder: Reminder): Promise<{ messageId: string }> {
    const { recipients, fallbackNote } = await this.recipients(reminder.recipientGroup ?? 'planners');
    const view = await this.view(reminder, fallbackNote);
    // The e-mail greets whoever reads it: the planners, when the province's reminder reaches them instead.
    if (fallbackNote) view.recipientName = CENTRAL_RECIPIENT_NAME;
    if (view.kind === ReminderKind.TaskOverdue) {
      // Before the e-mail: a retried send counts the task once (one grouped entry per province and day).
      const audience = reminder.recipientGroup === 'planners' ? 'planners' : 'province';
      await this.notifier.notify(this.dataSource.manager, { kind: 'task_overdue', venueId: view.venueId, taskId: reminder.subjectId, audience }, null);
    }
    const rendered = renderOrganizerReminder(view);
    return this.mailer.send({
      to: recipients.map((user) => ({ name: user.fullName, address: user.email })),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: `<reminder-${reminder.id}-r${reminder.revision}@ngayhoi.vn>`,
      headers: { 'X-Ngayhoi-Reminder': reminder.id },
    });
  }

  private async recipients(group: string): Promise<{ recipients: Array<{ email: string; fullName: string }>; fallbackNote: string | null }> {
    const province = provinceOfGroup(group);
    const manager = this.dataSource.manager;
    if (province) {
      const organizers = await activeAccountsWithRole(manager, Role.ProvincialOrganizer, province);
      if (organizers.length) return { recipients: organizers, fallbackNote: null };
    }
    const planners = await activeAccountsWithRole(manager, Role.CentralPlanner);
    if (planners.length === 0) throw new Error(`no active recipient for reminder group ${group}`);
    if (!province) return { recipients: planners, fallbackNote: null };
    const provinceName = (await provinceNames(manager)).get(province) ?? province;
    return {
      recipients: planners,
      fallbackNote: `${provinceName} chưa có tài khoản Ban Tổ chức trên hệ thống, nên thư nhắc gửi ${provinceRecipientName(provinceName)} được chuyển đến Ban Chỉ đạo Trung ương.`,
    };
  }

  private async view(reminder: Reminder, fallbackNote: string | null): Promise<OrganizerReminderView> {
    if (reminder.kind === ReminderKind.VenueKeyDate) {
      const venue = await this.venueFacts(reminder.subjectId);
      const tasks = await this.dataSource.getRepository(VenueTask).find({ where: { venueId: reminder.subjectId } });
      const today = todayInFestivalZone();
      const readiness = readinessOf(tasks, venue.date, today);
      return {
        ...venue,
        kind: ReminderKind.VenueKeyDate,
        recipientName: reminder.recipientName,
        fallbackNote,
        link: this.config.publicUrl(CONSOLE_LINKS.venue(venue.venueId)),
        daysLeft: venue.date ? daysBefore(venue.date, venue.opening, reminder.offsetMinutes) : 0,
        readiness: {
          donePercent: Math.round(readiness.doneShare * 100),
          open: tasks.filter((task) => task.status !== TaskStatus.Done).length,
          overdue: readiness.overdue,
          blocked: readiness.blocked,
        },
      };
    }
    const task = await this.dataSource.getRepository(VenueTask).findOneByOrFail({ id: reminder.subjectId });
    const venue = await this.venueFacts(task.venueId);
    return {
      ...venue,
      kind: reminder.kind as ReminderKind.TaskDeadline | ReminderKind.TaskOverdue,
      recipientName: reminder.recipientName,
      fallbackNote,
      link: this.config.publicUrl(CONSOLE_LINKS.venueTasks(venue.venueId, task.id)),
      offsetMinutes: reminder.offsetMinutes,
      overdueMinutes: task.dueDate ? Math.round((Date.now() - taskDeadline(task.dueDate).getTime()) / 60_000) : undefined,
      toCentre: reminder.recipientGroup === 'planners',
      taskTitle: task.title,
      responsibleUnit: task.responsibleUnit,
      ownerName: task.ownerName,
      dueDate: task.dueDate!,
      status: task.status,
      blockedReason: task.blockedReason,
    };
  }

  /** The venue as the e-mail places it (venues' VENUE_FACTS read model), with its edition's year and its province's name. */
  private async venueFacts(venueId: string): Promise<VenueFacts> {
    const manager = this.dataSource.manager;
    const [row] = await queryRows<{
      id: string;
      edition_id: string;
      name: string;
      address: string;
      commune_name: string;
      province_code: string;
      date: IsoDate | null;
      starts_at: Date | null;
      ends_at: Date | null;
    }>(
      manager,
      `SELECT v.id, v.edition_id, v.name, v.address, v.commune_name, v.province_code, v.anchor_date::text AS date, v.starts_at, v.ends_at
         FROM ${VENUE_FACTS} v
        WHERE v.id = $1`,
      [venueId],
    );
    if (!row) throw new Error(`venue ${venueId} not found`);
    const edition = await findEdition(manager, row.edition_id);
    if (!edition) throw new Error(`edition ${row.edition_id} not found`);
    return {
      editionYear: edition.year,
      opening: row.starts_at ? new Date(row.starts_at) : null,
      venueId: row.id,
      venueName: row.name,
      address: row.address,
      communeName: row.commune_name,
      provinceName: (await provinceNames(manager)).get(row.province_code)!,
      date: row.date,
      startTime: row.starts_at ? instantToLocalTime(new Date(row.starts_at)) : null,
      endTime: row.ends_at ? instantToLocalTime(new Date(row.ends_at)) : null,
    };
  }
}
