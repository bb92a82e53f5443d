import { parse as parseContentDisposition } from 'content-disposition';
import { InvitationStatus } from '@app/invitations';
import { AssignmentRole } from '@app/leaders';
import { Region } from '@app/provinces';
import { planCsvRecord } from './edition-plan.csv';
import {
  answerLine,
  contentDisposition,
  EditionPlanRecord,
  leaderLine,
  PLAN_COLUMNS,
  planDate,
  planFileNames,
  planHours,
  planTitle,
  readinessText,
  planRowBuilder,
} from './edition-plan.rows';

const toPlanRow = (input: EditionPlanRecord, stt: number, today: string) => planRowBuilder(today)(input, stt);

const record = (overrides: Partial<EditionPlanRecord> = {}): EditionPlanRecord => ({
  venue_id: 'v1',
  date: '2027-08-15',
  total_weight: 4,
  done_weight: 3,
  tasks: 2,
  overdue: 1,
  long_overdue: 0,
  blocked: 0,
  name: 'Bản Nà Luông',
  province_code: '12',
  province_name: 'Lai Châu',
  region: Region.TayBac,
  commune_name: 'Xã Bum Nưa',
  address: 'Bản Nà Luông, xã Bum Nưa',
  scheduled_date: '2027-08-15',
  starts_at: new Date('2027-08-15T00:30:00Z'), // 07:30 in Hà Nội
  ends_at: new Date('2027-08-15T04:30:00Z'),
  leaders: [
    { name: 'Nguyễn Văn An', title: 'Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an', role: AssignmentRole.ChiefGuest },
    { name: 'Trần Thị Bình', title: 'Thứ trưởng', role: AssignmentRole.Accompanying },
  ],
  invitations: [
    { name: 'Nguyễn Văn An', status: InvitationStatus.Accepted, substitute: null },
    { name: 'Trần Thị Bình', status: InvitationStatus.SubstituteProposed, substitute: 'Lê Văn Cường' },
  ],
  budget_lines: 2,
  lines_with_actual: 1,
  planned: '50000000',
  settled_planned: '30000000',
  actual: '32000000',
  ...overrides,
});

describe('edition plan rows', () => {
  it('writes dates dd/MM/yyyy, marking a proposed date while the venue is unscheduled', () => {
    expect(planDate('2027-08-15', '2027-08-15')).toBe('15/08/2027');
    expect(planDate(null, '2027-08-09')).toBe('09/08/2027 (dự kiến)');
    expect(planDate(null, null)).toBe('Chưa xếp lịch');
  });

  it('shows hours in Asia/Ho_Chi_Minh whatever the instants’ zone', () => {
    expect(planHours(new Date('2027-08-15T00:30:00Z'), new Date('2027-08-15T04:30:00Z'))).toBe('07:30–11:30');
    expect(planHours(new Date('2027-08-14T23:00:00Z'), new Date('2027-08-15T01:15:00Z'))).toBe('06:00–08:15');
    expect(planHours(null, null)).toBe('');
  });

  it('names leaders with their titles and role, and each invitation with its answer', () => {
    expect(leaderLine({ name: 'Nguyễn Văn An', title: 'Bộ trưởng Bộ Công an', role: AssignmentRole.ChiefGuest })).toBe(
      'Nguyễn Văn An, Bộ trưởng Bộ Công an (dự, phát biểu chỉ đạo)',
    );
    expect(leaderLine({ name: 'Trần Thị Bình', title: 'Thứ trưởng', role: AssignmentRole.Accompanying })).toBe('Trần Thị Bình, Thứ trưởng (cùng dự)');
    const answer = (status: InvitationStatus, substitute: string | null = null) => answerLine({ name: 'Đ/c A', status, substitute });
    expect(answer(InvitationStatus.Accepted)).toBe('Đ/c A: Nhận lời');
    expect(answer(InvitationStatus.Declined)).toBe('Đ/c A: Báo vắng');
    expect(answer(InvitationStatus.SubstituteProposed, 'Lê Văn Cường')).toBe('Đ/c A: Đề nghị cử người thay (Lê Văn Cường)');
    expect(answer(InvitationStatus.SubstituteProposed)).toBe('Đ/c A: Đề nghị cử người thay');
    expect(answer(InvitationStatus.Sent)).toBe('Đ/c A: Chưa trả lời');
    expect(answer(InvitationStatus.Queued)).toBe('Đ/c A: Chưa trả lời');
    expect(answer(InvitationStatus.Draft)).toBe('Đ/c A: Chưa gửi giấy mời');
  });

  it('states readiness as percent done and the Vietnamese status, or that there is no task yet', () => {
    expect(readinessText({ doneShare: 0.75, tasks: 2, overdue: 1, blocked: 0, status: 'at_risk' })).toBe('75% – Có nguy cơ');
    expect(readinessText({ doneShare: 1, tasks: 3, overdue: 0, blocked: 0, status: 'on_track' })).toBe('100% – Đúng tiến độ');
    expect(readinessText({ doneShare: 0.2, tasks: 3, overdue: 2, blocked: 0, status: 'late' })).toBe('20% – Chậm');
    expect(readinessText({ doneShare: 1, tasks: 0, overdue: 0, blocked: 0, status: 'on_track' })).toBe('Chưa có công việc');
  });

  it('builds a whole row: readiness by the shared rule, money as numbers with the variance rule', () => {
    const row = toPlanRow(record(), 7, '2027-08-01');
    expect(row).toEqual({
      stt: 7,
      province: 'Lai Châu',
      region: 'Tây Bắc',
      venue: 'Bản Nà Luông',
      commune: 'Xã Bum Nưa',
      address: 'Bản Nà Luông, xã Bum Nưa',
      date: '15/08/2027',
      hours: '07:30–11:30',
      leaders: ['Nguyễn Văn An, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an (dự, phát biểu chỉ đạo)', 'Trần Thị Bình, Thứ trưởng (cùng dự)'],
      answers: ['Nguyễn Văn An: Nhận lời', 'Trần Thị Bình: Đề nghị cử người thay (Lê Văn Cường)'],
      readiness: '75% – Có nguy cơ',
      overdue: 1,
      planned: 50_000_000,
      actual: 32_000_000,
      variance: 2_000_000,
    });
    // Three days before the day with 75% done: late, by classifyReadiness.
    expect(toPlanRow(record(), 1, '2027-08-13').readiness).toBe('75% – Chậm');
    const bare = toPlanRow(
      record({ leaders: null, invitations: null, budget_lines: 0, lines_with_actual: 0, planned: '0', settled_planned: '0', actual: '0' }),
      1,
      '2027-08-01',
    );
    expect(bare).toMatchObject({ leaders: [], answers: [], planned: 0, actual: null, variance: null });
  });

  it('formats each date and hours once per export without mixing venues up', () => {
    const build = planRowBuilder('2027-08-01');
    const first = build(record(), 1);
    const other = build(record({ scheduled_date: null, date: '2027-08-20', starts_at: null, ends_at: null }), 2);
    const again = build(record({ starts_at: new Date('2027-08-15T07:00:00Z'), ends_at: new Date('2027-08-15T10:00:00Z') }), 3);
    expect([first.date, first.hours]).toEqual(['15/08/2027', '07:30–11:30']);
    expect([other.date, other.hours]).toEqual(['20/08/2027 (dự kiến)', '']);
    expect([again.date, again.hours]).toEqual(['15/08/2027', '14:00–17:00']);
  });

  it('gives the CSV the same columns, lists joined by "; " and blanks for missing amounts', () => {
    expect(PLAN_COLUMNS.map((column) => column.header)).toEqual([
      'STT',
      'Tỉnh/thành phố',
      'Vùng',
      'Điểm tổ chức',
      'Xã/phường',
      'Địa chỉ',
      'Ngày tổ chức',
      'Giờ',
      'Lãnh đạo dự',
      'Trả lời mời',
      'Mức độ sẵn sàng',
      'Việc quá hạn',
      'Dự toán (đ)',
      'Thực chi (đ)',
      'Chênh lệch (đ)',
    ]);
    const csv = planCsvRecord(toPlanRow(record({ actual: '0', lines_with_actual: 0, settled_planned: '0' }), 1, '2027-08-01'));
    expect(csv).toHaveLength(PLAN_COLUMNS.length);
    expect(csv[8]).toBe('Nguyễn Văn An, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an (dự, phát biểu chỉ đạo); Trần Thị Bình, Thứ trưởng (cùng dự)');
    expect(csv.slice(12)).toEqual([50_000_000, '', '']);
  });

  it('names the file in ASCII and in Vietnamese (RFC 5987)', () => {
    expect(planTitle(2027)).toBe('KẾ HOẠCH TỔ CHỨC NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2027');
    const names = planFileNames(2027, 'xlsx');
    expect(names.ascii).toBe('ke-hoach-ngay-hoi-2027.xlsx');
    const header = contentDisposition(names.ascii, names.vietnamese);
    expect(header).toBe(`attachment; filename=ke-hoach-ngay-hoi-2027.xlsx; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20Ng%C3%A0y%20h%E1%BB%99i%202027.xlsx`);
    // What a browser reads back: the Vietnamese name, with the ASCII one for clients without RFC 8187.
    expect(parseContentDisposition(header)).toEqual({ type: 'attachment', parameters: { filename: 'Kế hoạch Ngày hội 2027.xlsx' } });
    expect(parseContentDisposition(header, { extended: false }).parameters.filename).toBe('ke-hoach-ngay-hoi-2027.xlsx');
    const awkward = contentDisposition('a"b (1).csv', "Tệp (1)'s.csv");
    expect(parseContentDisposition(awkward).parameters.filename).toBe("Tệp (1)'s.csv");
    expect(parseContentDisposition(awkward, { extended: false }).parameters.filename).toBe('a"b (1).csv');
  });
});
