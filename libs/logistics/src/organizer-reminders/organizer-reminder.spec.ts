import { ReminderKind } from '@app/reminders';
import { OrganizerReminderView, overdueText, renderOrganizerReminder } from './organizer-reminder.sender';
import { TASK_STATUS_NAMES, TaskStatus } from '../tasks/task.enums';

const venue = {
  editionYear: 2030,
  opening: new Date('2030-08-12T00:30:00.000Z'),
  venueId: 'v1',
  venueName: 'Bản Mường Phăng',
  address: 'Nhà văn hóa bản',
  communeName: 'xã Mường Phăng',
  provinceName: 'Điện Biên',
  date: '2030-08-12',
  startTime: '07:30',
  endTime: '11:30',
  recipientName: 'Ban Tổ chức Ngày hội Điện Biên',
  fallbackNote: null,
  link: 'https://ngayhoi.example/diem/v1?viec=t1#nhiem-vu',
};

const task = (overrides: Partial<OrganizerReminderView> = {}): OrganizerReminderView =>
  ({
    ...venue,
    kind: ReminderKind.TaskDeadline,
    offsetMinutes: 3 * 1440 + 540,
    toCentre: false,
    taskTitle: 'Xây dựng phương án bảo vệ',
    responsibleUnit: 'Công an tỉnh',
    ownerName: 'Thiếu tá Lò Văn Minh',
    dueDate: '2030-08-05',
    status: TaskStatus.InProgress,
    blockedReason: null,
    ...overrides,
  }) as OrganizerReminderView;

describe('organizer reminder e-mails', () => {
  it('reminds of a task deadline with the task, venue, unit, owner, deadline in local time and a link', () => {
    const email = renderOrganizerReminder(task());
    expect(email.subject).toBe('[Ngày hội 2030] Nhắc hạn công việc: Xây dựng phương án bảo vệ — Bản Mường Phăng (hạn 05/08/2030)');
    expect(email.text).toContain('Kính gửi: Ban Tổ chức Ngày hội Điện Biên.');
    expect(email.text).toContain('(còn 3 ngày)');
    expect(email.text).toContain('- Hạn hoàn thành: 17:00 ngày 05/08/2030 (giờ Việt Nam)');
    expect(email.text).toContain('- Người phụ trách: Thiếu tá Lò Văn Minh');
    expect(email.text).toContain('- Trạng thái: Đang làm');
    expect(email.text).toContain('Xem và cập nhật: https://ngayhoi.example/diem/v1?viec=t1#nhiem-vu');
    expect(email.html).toContain('href="https://ngayhoi.example/diem/v1?viec&#x3D;t1#nhiem-vu"'); // "=" escaped, as Handlebars does in attributes
    expect(renderOrganizerReminder(task({ offsetMinutes: 540 })).text).toContain('(hạn là hôm nay)');
  });

  it('escalates an overdue task to the province, then reports it to the centre', () => {
    const province = renderOrganizerReminder(
      task({ kind: ReminderKind.TaskOverdue, offsetMinutes: -1440, status: TaskStatus.Blocked, blockedReason: 'Chưa có kinh phí' } as never),
    );
    expect(province.subject).toBe('[Ngày hội 2030] Công việc quá hạn: Xây dựng phương án bảo vệ — Bản Mường Phăng');
    expect(province.text).toContain('đã quá hạn 24 giờ mà chưa hoàn thành; đề nghị đồng chí khẩn trương');
    expect(province.text).toContain('- Trạng thái: Bị vướng — Chưa có kinh phí');
    const centre = renderOrganizerReminder(
      task({ kind: ReminderKind.TaskOverdue, offsetMinutes: -2880, toCentre: true, recipientName: 'Ban Chỉ đạo Trung ương', ownerName: null } as never),
    );
    expect(centre.subject).toBe('[Ngày hội 2030] Báo cáo công việc quá hạn tại Điện Biên: Xây dựng phương án bảo vệ — Bản Mường Phăng');
    expect(centre.text).toContain('quá hạn 48 giờ');
    expect(centre.text).toContain('đề nghị Ban Chỉ đạo đôn đốc địa phương');
    expect(centre.text).toContain('- Người phụ trách: chưa giao');
  });

  it("reminds the province of its venue's festival day with the state of its preparation", () => {
    const email = renderOrganizerReminder({
      ...venue,
      kind: ReminderKind.VenueKeyDate,
      daysLeft: 7,
      readiness: { donePercent: 64, open: 4, overdue: 1, blocked: 0 },
    });
    expect(email.subject).toBe('[Ngày hội 2030] Còn 7 ngày đến Ngày hội tại Bản Mường Phăng (12/08/2030)');
    expect(email.text).toContain('- Thời gian: từ 07:30 đến 11:30 (giờ Việt Nam), ngày 12/08/2030');
    expect(email.text).toContain('đã hoàn thành 64% khối lượng công việc; còn 4 việc chưa xong, 1 việc quá hạn, 0 việc vướng mắc');
  });

  it('greets the central planners when the province has no organizer account, and says what they are asked to do', () => {
    const fallback = {
      recipientName: 'Ban Chỉ đạo Trung ương (Cục Xây dựng phong trào bảo vệ An ninh Tổ quốc)',
      fallbackNote:
        'Điện Biên chưa có tài khoản Ban Tổ chức trên hệ thống, nên thư nhắc gửi Ban Tổ chức Ngày hội Điện Biên được chuyển đến Ban Chỉ đạo Trung ương.',
    };
    const overdue = renderOrganizerReminder(task({ kind: ReminderKind.TaskOverdue, offsetMinutes: -1440, ...fallback } as never));
    expect(overdue.text).toContain('Kính gửi: Ban Chỉ đạo Trung ương (Cục Xây dựng phong trào bảo vệ An ninh Tổ quốc).');
    expect(overdue.text).toContain(fallback.fallbackNote);
    expect(overdue.text).toContain(
      'Đề nghị Ban Chỉ đạo: (1) đôn đốc Ban Tổ chức Ngày hội Điện Biên khẩn trương hoàn thành công việc quá hạn dưới đây và báo cáo kết quả; (2) tạo tài khoản Ban Tổ chức trên hệ thống cho Điện Biên, để các thư nhắc sau được gửi thẳng đến địa phương.',
    );
    expect(overdue.text).not.toContain('đề nghị đồng chí'); // not addressed to an organizer who does not exist
    expect(overdue.html).toContain('<strong>Đề nghị Ban Chỉ đạo: (1) đôn đốc Ban Tổ chức Ngày hội Điện Biên');
    expect(renderOrganizerReminder(task(fallback)).text).toContain(
      '(1) thông báo cho Ban Tổ chức Ngày hội Điện Biên để hoàn thành công việc dưới đây đúng hạn;',
    );
    const venueDay = renderOrganizerReminder({
      ...venue,
      ...fallback,
      kind: ReminderKind.VenueKeyDate,
      daysLeft: 7,
      readiness: { donePercent: 0, open: 1, overdue: 0, blocked: 0 },
    });
    expect(venueDay.text).toContain('(1) thông báo cho Ban Tổ chức Ngày hội Điện Biên về lịch tổ chức và tình hình chuẩn bị dưới đây');
    // An organizer's own reminder says nothing of the kind.
    expect(renderOrganizerReminder(task()).text).not.toContain('Đề nghị Ban Chỉ đạo');
  });

  it('says how long a late escalation has been overdue: hours up to two days, then days', () => {
    const late = renderOrganizerReminder(task({ kind: ReminderKind.TaskOverdue, offsetMinutes: -1440, overdueMinutes: 14 * 1440 + 300 } as never));
    expect(late.text).toContain('đã quá hạn 14 ngày mà chưa hoàn thành');
    expect(overdueText(1440)).toBe('24 giờ');
    expect(overdueText(2880)).toBe('48 giờ');
    expect(overdueText(3 * 1440)).toBe('3 ngày');
  });

  it('names every task status as the task board does (one list of names, TASK_STATUS_NAMES)', () => {
    for (const status of Object.values(TaskStatus)) {
      const email = renderOrganizerReminder(task({ status, blockedReason: status === TaskStatus.Blocked ? 'Chờ kinh phí' : null }));
      const reason = status === TaskStatus.Blocked ? ' — Chờ kinh phí' : '';
      expect(email.text).toContain(`- Trạng thái: ${TASK_STATUS_NAMES[status]}${reason}\n`);
      expect(email.html).toContain(`<td>${TASK_STATUS_NAMES[status]}${reason}</td>`);
    }
    expect(new Set(Object.values(TASK_STATUS_NAMES)).size).toBe(Object.values(TaskStatus).length);
  });

  it('escapes data in the HTML body, not in the text body', () => {
    const email = renderOrganizerReminder(task({ taskTitle: 'Âm thanh & <ánh sáng>' }));
    expect(email.html).toContain('Âm thanh &amp; &lt;ánh sáng&gt;');
    expect(email.text).toContain('Âm thanh & <ánh sáng>');
  });
});
