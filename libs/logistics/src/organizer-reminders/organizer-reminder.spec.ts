import { ReminderKind } from '@app/reminders';
import { OrganizerReminderView, renderOrganizerReminder } from './organizer-reminder.sender';
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
      fallbackNote: 'Tỉnh chưa có tài khoản Ban Tổ chức trên hệ thống: thư được gửi Ban Chỉ đạo Trung ương để đôn đốc.',
    });
    expect(email.subject).toBe('[Ngày hội 2030] Còn 7 ngày đến Ngày hội tại Bản Mường Phăng (12/08/2030)');
    expect(email.text).toContain('- Thời gian: từ 07:30 đến 11:30 (giờ Việt Nam), ngày 12/08/2030');
    expect(email.text).toContain('đã hoàn thành 64% khối lượng công việc; còn 4 việc chưa xong, 1 việc quá hạn, 0 việc vướng mắc');
    expect(email.text).toContain('(Tỉnh chưa có tài khoản Ban Tổ chức');
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
