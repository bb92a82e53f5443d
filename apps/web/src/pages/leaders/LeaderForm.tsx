import { FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RANK_TIER_NAMES, RANK_TIER_ORDER, RankTier } from '@shared/leaders/src/rank-tier';
import { client, data } from '../../api/client';
import { ApiError } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { FieldError, FormError } from '../../components/errors';
import { date, dates, dateText, oneOf, parseDate, read, text } from '../../input';
import { useEdition, useProvinces } from '../../session';
import type { Leader } from '../../api/models';

interface RangeRow {
  start: string;
  end: string;
  reason: string;
}

/** The form's fields, as typed (dates dd/mm/yyyy). */
function initialFields(leader?: Leader) {
  return {
    fullName: leader?.fullName ?? '',
    position: leader?.position ?? '',
    rankTier: leader?.rankTier ?? RankTier.CentralCommittee,
    organisation: leader?.organisation ?? '',
    officeEmail: leader?.officeEmail ?? '',
    officePhone: leader?.officePhone ?? '',
    homeProvinceCode: leader?.homeProvinceCode ?? '',
    baseProvinceCode: leader?.baseProvinceCode ?? '',
    preferredDates: (leader?.preferredDates ?? []).map(dateText).join(', '),
  };
}

/**
 * Creates a leader or edits one (with the version read, so two planners never overwrite each other):
 * identity, office contacts, home province, preferred dates and the ranges they cannot attend. What
 * was typed stays on a refusal; each field shows the reasons under it.
 */
export function LeaderForm({ leader, onDone }: { leader?: Leader; onDone: (saved: Leader) => void }) {
  const queryClient = useQueryClient();
  const { provinces } = useProvinces();
  // Calendars open on the festival's months of the edition chosen in the header.
  const { edition } = useEdition();
  const [fields, setFields] = useState(() => initialFields(leader));
  const [ranges, setRanges] = useState<RangeRow[]>(() =>
    (leader?.unavailability ?? []).map((range) => ({ start: dateText(range.startDate), end: dateText(range.endDate), reason: range.reason ?? '' })),
  );
  const save = useMutation({
    mutationFn: () => {
      const body = read({
        fullName: fields.fullName.trim(),
        position: fields.position.trim(),
        rankTier: oneOf(fields.rankTier, RANK_TIER_ORDER),
        organisation: fields.organisation.trim(),
        officeEmail: fields.officeEmail.trim(),
        // Empty: none (an edit clears it).
        officePhone: text(fields.officePhone, { empty: null }),
        homeProvinceCode: text(fields.homeProvinceCode, { empty: null }),
        baseProvinceCode: text(fields.baseProvinceCode, { empty: null }),
        preferredDates: dates(fields.preferredDates),
        unavailability: ranges.map((range) => ({
          startDate: date(range.start, { required: true }),
          endDate: date(range.end, { required: true }),
          reason: range.reason.trim() || undefined,
        })),
      });
      return leader
        ? data(client.PATCH('/api/leaders/{id}', { params: { path: { id: leader.id } }, body: { ...body, version: leader.version } }))
        : data(client.POST('/api/leaders', { body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['leaders'] });
      onDone(saved);
    },
  });
  const error = save.error;
  const stale = error instanceof ApiError && error.status === 409 && error.code === 'VERSION_CONFLICT';
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });
  const rangeFields = ranges.flatMap((_, index) => [
    `unavailability.${index}.startDate`,
    `unavailability.${index}.endDate`,
    `unavailability.${index}.reason`,
    `unavailability.${index}`,
  ]);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="inline-form leader-form" onSubmit={submit} noValidate aria-label={leader ? `Sửa thông tin ${leader.fullName}` : 'Thêm lãnh đạo'}>
      <div className="fields">
        <label className="wide">
          Họ và tên
          <input value={fields.fullName} onChange={set('fullName')} />
          <FieldError error={error} field="fullName" />
        </label>
        <label className="wide">
          Chức vụ
          <input value={fields.position} onChange={set('position')} />
          <FieldError error={error} field="position" />
        </label>
        <label>
          Cấp
          <select value={fields.rankTier} onChange={set('rankTier')}>
            {Object.values(RankTier).map((tier) => (
              <option key={tier} value={tier}>
                {RANK_TIER_NAMES[tier]}
              </option>
            ))}
          </select>
          <FieldError error={error} field="rankTier" />
        </label>
        <label className="wide">
          Cơ quan
          <input value={fields.organisation} onChange={set('organisation')} />
          <FieldError error={error} field="organisation" />
        </label>
        <label>
          E-mail văn phòng
          <input type="email" value={fields.officeEmail} onChange={set('officeEmail')} />
          <FieldError error={error} field="officeEmail" />
        </label>
        <label>
          Điện thoại văn phòng
          <input value={fields.officePhone} onChange={set('officePhone')} />
          <FieldError error={error} field="officePhone" />
        </label>
        <label>
          Quê quán
          <select value={fields.homeProvinceCode} onChange={set('homeProvinceCode')}>
            <option value="">(không ghi)</option>
            {provinces.map((province) => (
              <option key={province.code} value={province.code}>
                {province.name}
              </option>
            ))}
          </select>
          <FieldError error={error} field="homeProvinceCode" />
        </label>
        <label>
          Nơi công tác (xuất phát đi dự)
          <select value={fields.baseProvinceCode} onChange={set('baseProvinceCode')}>
            <option value="">Thành phố Hà Nội (mặc định)</option>
            {provinces
              .filter((province) => province.code !== '01')
              .map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
          </select>
          <FieldError error={error} field="baseProvinceCode" />
        </label>
        <label className="wide">
          Ngày mong muốn dự (cách nhau bởi dấu phẩy)
          <DateField
            label="Ngày mong muốn dự"
            multiple
            value={fields.preferredDates}
            onChange={(value) => setFields({ ...fields, preferredDates: value })}
            month={edition?.windowStart}
          />
          <FieldError error={error} field="preferredDates" />
        </label>
      </div>
      <fieldset className="ranges" data-testid="unavailability">
        <legend>Thời gian bận (không thể dự)</legend>
        {ranges.map((range, index) => (
          <div className="pin-row" key={index}>
            <label>
              Từ ngày
              <DateField
                label={`Bận từ ngày ${index + 1}`}
                aria-label={`Bận từ ngày ${index + 1}`}
                value={range.start}
                onChange={(value) => setRanges(ranges.map((row, at) => (at === index ? { ...row, start: value } : row)))}
                month={edition?.windowStart}
              />
              <FieldError error={error} field={`unavailability.${index}.startDate`} />
            </label>
            <label>
              Đến ngày
              <DateField
                label={`Bận đến ngày ${index + 1}`}
                aria-label={`Bận đến ngày ${index + 1}`}
                value={range.end}
                onChange={(value) => setRanges(ranges.map((row, at) => (at === index ? { ...row, end: value } : row)))}
                // A range ends on or after its first day.
                min={parseDate(range.start) ?? undefined}
                month={edition?.windowStart}
              />
              <FieldError error={error} field={`unavailability.${index}.endDate`} />
            </label>
            <label className="wide">
              Lý do
              <input
                aria-label={`Lý do bận ${index + 1}`}
                value={range.reason}
                onChange={(event) => setRanges(ranges.map((row, at) => (at === index ? { ...row, reason: event.target.value } : row)))}
              />
              <FieldError error={error} field={`unavailability.${index}.reason`} />
            </label>
            <button type="button" className="link danger" onClick={() => setRanges(ranges.filter((_, at) => at !== index))}>
              Bỏ
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setRanges([...ranges, { start: '', end: '', reason: '' }])}>
          Thêm thời gian bận
        </button>
      </fieldset>
      <FormError
        error={error}
        fields={[
          'fullName',
          'position',
          'rankTier',
          'organisation',
          'officeEmail',
          'officePhone',
          'homeProvinceCode',
          'baseProvinceCode',
          'preferredDates',
          ...rangeFields,
        ]}
      />
      {stale && (
        <button type="button" className="secondary" onClick={() => void queryClient.invalidateQueries({ queryKey: ['leaders'] })}>
          Tải lại bản mới nhất (bỏ các thay đổi của tôi)
        </button>
      )}
      <div className="buttons">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Đang lưu…' : leader ? 'Lưu thay đổi' : 'Thêm lãnh đạo'}
        </button>
      </div>
    </form>
  );
}
