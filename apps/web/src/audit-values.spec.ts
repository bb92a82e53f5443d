import { describe, expect, it } from '@jest/globals';
import { auditFieldName, auditValue, shownField } from './audit-values';

const context = {
  entityType: 'venue',
  names: { '5f0c1a52-1111-4c2b-9a55-0d8e1e2a3b4c': 'Đồng chí Vũ Văn Chính' },
  provinceName: (code: string) => ({ '15': 'Lào Cai' })[code] ?? code,
};

describe('the audit log’s values as people read them', () => {
  it('names fields, and never shows a key it has no name for', () => {
    expect(auditFieldName('status')).toBe('Trạng thái');
    expect(auditFieldName('plannedVnd')).toBe('Dự toán');
    expect(auditFieldName('someInternalKey')).toBe('Thông tin khác');
    expect(shownField('version')).toBe(false);
    expect(shownField('passwordHash')).toBe(false);
  });

  it('shows codes by their names, the status by what the entry is about', () => {
    expect(auditValue('status', 'approved', context)).toBe('Được phê duyệt');
    expect(auditValue('status', 'in_progress', { ...context, entityType: 'venue_task' })).toBe('Đang làm');
    expect(auditValue('region', 'tay_bac', context)).toBe('Tây Bắc');
    expect(auditValue('areaFlags', ['bien_gioi', 'mien_nui'], context)).toBe('Biên giới, Miền núi');
    expect(auditValue('provinceCode', '15', context)).toBe('Lào Cai');
  });

  it('shows dates as dd/MM/yyyy, instants in Vietnam’s time, numbers in vi-VN, ids by name', () => {
    expect(auditValue('scheduledDate', '2030-08-14', context)).toBe('14/08/2030');
    expect(auditValue('startsAt', '2030-08-14T00:30:00.000Z', context)).toBe('14/08/2030 07:30');
    expect(auditValue('plannedVnd', 12_500_000, context)).toBe('12.500.000');
    expect(auditValue('latitude', 22.3964, context)).toBe('22,3964');
    expect(auditValue('leaderId', '5f0c1a52-1111-4c2b-9a55-0d8e1e2a3b4c', context)).toBe('Đồng chí Vũ Văn Chính');
    expect(auditValue('leaderId', '00000000-0000-4000-8000-000000000000', context)).toBe('(không rõ tên)');
    expect(auditValue('active', false, context)).toBe('Không');
    expect(auditValue('coHost', null, context)).toBe('—');
  });
});
