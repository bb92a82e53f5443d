/**
 * Nominating a festival point (`/diem/moi`) and editing one (`/diem/:id/sua`). The API decides who may
 * do what (an organizer only in their own province, only planners change the tier, final venues are
 * not edited); the form shows each field's refusal under it and keeps everything typed.
 */
import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { client, data } from '../../api/client';
import { ApiError, asTexts } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { ErrorPanel, Field, FieldError, FormError, Loading } from '../../components/errors';
import { LocationPicker } from '../../components/LocationPicker';
import { changedFields, dates, dateText, decimal, decimalText, formatDate, oneOf, read, text, whole, wholeText } from '../../input';
import { venuesChanged } from '../../queries';
import { canWrite, isPlanner, useEdition, useProvinces, useUser } from '../../session';
import { AREA_FLAG_NAMES, AreaFlag, HOST_KIND_NAMES, HostKind, VENUE_TIER_NAMES, VenueTier } from '@shared/venues/src/venue.enums';
import { Region, REGION_NAMES } from '@shared/provinces/src/region';
import type { Edition, Venue } from '../../api/models';
import { isEditable } from './workflow';

interface Draft {
  name: string;
  tier: string;
  coHost: string;
  provinceCode: string;
  communeName: string;
  hamletName: string;
  hostKind: string;
  address: string;
  latitude: string;
  longitude: string;
  /** '' = the province's default region. */
  region: string;
  areaFlags: string[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  expectedAttendance: string;
  /** dd/mm/yyyy, separated by commas. */
  candidateDates: string;
}

/** The API fields the form shows in place (FormError lists any other, e.g. a stale `version`). */
const FIELDS: Array<keyof Draft> = [
  'name',
  'tier',
  'coHost',
  'provinceCode',
  'communeName',
  'hamletName',
  'hostKind',
  'address',
  'latitude',
  'longitude',
  'region',
  'areaFlags',
  'contactName',
  'contactPhone',
  'contactEmail',
  'expectedAttendance',
  'candidateDates',
];

/** Area flags in the order the form lists them, so ticking and unticking one is no change. */
const inFlagOrder = (flags: Iterable<string>) => {
  const chosen = new Set(flags);
  return Object.keys(AREA_FLAG_NAMES).filter((flag) => chosen.has(flag));
};

function draftOf(venue: Venue): Draft {
  return {
    name: venue.name,
    tier: venue.tier,
    coHost: venue.coHost ?? '',
    provinceCode: venue.provinceCode,
    communeName: venue.communeName,
    hamletName: venue.hamletName ?? '',
    hostKind: venue.hostKind,
    address: venue.address,
    latitude: decimalText(venue.latitude),
    longitude: decimalText(venue.longitude),
    region: venue.region,
    areaFlags: inFlagOrder(venue.areaFlags),
    contactName: venue.contactName ?? '',
    contactPhone: venue.contactPhone ?? '',
    contactEmail: venue.contactEmail ?? '',
    expectedAttendance: wholeText(venue.expectedAttendance),
    candidateDates: venue.candidateDates.map(dateText).join(', '),
  };
}

const blankDraft = (provinceCode: string, tier: string): Draft => ({
  name: '',
  tier,
  coHost: '',
  provinceCode,
  communeName: '',
  hamletName: '',
  hostKind: '',
  address: '',
  latitude: '',
  longitude: '',
  region: '',
  areaFlags: [],
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  expectedAttendance: '',
  candidateDates: '',
});

/**
 * The body the API receives for a draft: numbers and dates read as people type them (22,3964; 1.200;
 * dd/mm/yyyy, separated by commas), an empty optional field as `null` (which clears it on an edit).
 * What is not a number or a date is refused here, under its field; the rest is the API's to judge.
 */
function inputOf(draft: Draft, defaultRegion: Venue['region'] | undefined) {
  const optional = (field: 'coHost' | 'hamletName' | 'contactName' | 'contactPhone' | 'contactEmail') => text(draft[field], { empty: null });
  return read({
    name: draft.name.trim(),
    tier: oneOf(draft.tier, Object.values(VenueTier)),
    coHost: optional('coHost'),
    provinceCode: draft.provinceCode,
    communeName: draft.communeName.trim(),
    hamletName: optional('hamletName'),
    hostKind: oneOf(draft.hostKind, Object.values(HostKind)),
    address: draft.address.trim(),
    latitude: decimal(draft.latitude, { required: true }),
    longitude: decimal(draft.longitude, { required: true }),
    region: draft.region ? oneOf(draft.region, Object.values(Region)) : defaultRegion,
    areaFlags: draft.areaFlags.map((flag) => oneOf(flag, Object.values(AreaFlag))),
    contactName: optional('contactName'),
    contactPhone: optional('contactPhone'),
    contactEmail: optional('contactEmail'),
    expectedAttendance: whole(draft.expectedAttendance, { required: true }),
    candidateDates: dates(draft.candidateDates),
  });
}

/** Both routes: `/diem/moi` nominates in the edition chosen in the header, `/diem/:id/sua` edits. */
export function VenueForm() {
  const { id } = useParams();
  return id ? <EditVenue id={id} /> : <NominateVenue />;
}

function NominateVenue() {
  const user = useUser();
  const { edition, isLoading } = useEdition();
  if (isLoading) return <Loading what="đợt tổ chức" />;
  if (!edition) return <section className="panel">Chưa có đợt tổ chức nào.</section>;
  if (!canWrite(user)) return <Refused text="Tài khoản xem không được đề xuất điểm tổ chức." />;
  return (
    <div className="venue-form-page">
      <p className="breadcrumbs">
        <Link to="/">Tổng quan</Link> › Đề xuất điểm tổ chức
      </p>
      <VenueFields edition={edition} />
    </div>
  );
}

function EditVenue({ id }: { id: string }) {
  const user = useUser();
  const { editions } = useEdition();
  const venue = useQuery({ queryKey: ['venue', id], queryFn: () => data(client.GET('/api/venues/{id}', { params: { path: { id } } })), retry: false });
  if (venue.error) return <ErrorPanel error={venue.error} />;
  if (!venue.data) return <Loading what="điểm tổ chức" />;
  const v = venue.data;
  return (
    <div className="venue-form-page">
      <p className="breadcrumbs">
        <Link to="/">Tổng quan</Link> › <Link to={`/diem/${v.id}`}>{v.name}</Link> › Sửa thông tin
      </p>
      {isEditable(user, v) ? (
        <VenueFields key={v.id} venue={v} edition={editions.find((edition) => edition.id === v.editionId)} />
      ) : (
        <Refused text="Điểm này không sửa được: đã kết thúc (đã tổ chức, bị từ chối hoặc bị hủy) hoặc không thuộc phạm vi của bạn." />
      )}
    </div>
  );
}

function Refused({ text }: { text: string }) {
  return (
    <section className="panel error-panel" role="alert">
      <h2>Không có quyền thực hiện</h2>
      <p>{text}</p>
    </section>
  );
}

/** The form itself; `venue` absent = a new nomination. */
function VenueFields({ edition, venue }: { edition: Edition | undefined; venue?: Venue }) {
  const user = useUser();
  const planner = isPlanner(user);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { provinces, nameOf } = useProvinces();
  // The version and values the user started from: a stale edit is refused (409), never merged silently.
  const [initial] = useState<Draft>(() => (venue ? draftOf(venue) : blankDraft(user.provinceCode ?? '', planner ? VenueTier.Central : VenueTier.Provincial)));
  const [draft, setDraft] = useState<Draft>(initial);
  const defaultRegionOf = (code: string) => provinces.find((province) => province.code === code)?.defaultRegion;

  const save = useMutation({
    mutationFn: (current: Draft) => {
      if (!venue)
        return data(client.POST('/api/venues', { body: { ...inputOf(current, defaultRegionOf(current.provinceCode)), editionId: edition?.id ?? '' } }));
      // Only what changed: the API checks what it is sent (candidate dates against the window, the tier
      // and the province against the actor), so renaming a venue is not refused over a field left alone.
      const next = inputOf(current, defaultRegionOf(current.provinceCode));
      const before = inputOf(initial, defaultRegionOf(initial.provinceCode));
      return data(client.PATCH('/api/venues/{id}', { params: { path: { id: venue.id } }, body: { ...changedFields(next, before), version: venue.version } }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['venue', saved.id], saved);
      venuesChanged(queryClient);
      void navigate(`/diem/${saved.id}`);
    },
  });
  const error = save.error;
  const outside = error instanceof ApiError && error.code === 'DATE_OUTSIDE_WINDOW' ? asTexts(error.detail('dates')) : [];
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);

  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const toggleFlag = (flag: string) =>
    setDraft({
      ...draft,
      areaFlags: inFlagOrder(draft.areaFlags.includes(flag) ? draft.areaFlags.filter((item) => item !== flag) : [...draft.areaFlags, flag]),
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft);
  }

  const title = venue ? `Sửa thông tin: ${venue.name}` : `Đề xuất điểm tổ chức${edition ? ` — đợt năm ${edition.year}` : ''}`;
  const defaultRegion = defaultRegionOf(draft.provinceCode);
  return (
    <form className="panel venue-form" onSubmit={submit} noValidate aria-label={venue ? 'Sửa thông tin điểm tổ chức' : 'Đề xuất điểm tổ chức'}>
      <h1>{title}</h1>
      <fieldset>
        <legend>Thông tin chung</legend>
        <div className="fields">
          <Field label="Tên điểm tổ chức" field="name" error={error} wide>
            <input name="name" value={draft.name} onChange={set('name')} placeholder="Ví dụ: Ngày hội tại bản Nậm Cang" />
          </Field>
          <Field label="Cấp" field="tier" error={error} hint={venue && !planner ? 'Chỉ cán bộ lập kế hoạch Trung ương được đổi cấp của điểm.' : undefined}>
            <select name="tier" value={draft.tier} onChange={set('tier')} disabled={!!venue && !planner}>
              {Object.entries(VENUE_TIER_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Loại đơn vị" field="hostKind" error={error}>
            <select name="hostKind" value={draft.hostKind} onChange={set('hostKind')}>
              <option value="">— Chọn —</option>
              {Object.entries(HOST_KIND_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name.charAt(0).toUpperCase() + name.slice(1)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Đơn vị phối hợp" field="coHost" error={error} wide>
            <input name="coHost" value={draft.coHost} onChange={set('coHost')} />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>Địa bàn</legend>
        <div className="fields">
          <Field
            label="Tỉnh, thành phố"
            field="provinceCode"
            error={error}
            hint={planner ? undefined : 'Cán bộ tổ chức cấp tỉnh đề xuất trong tỉnh, thành phố mình phụ trách.'}
          >
            {planner ? (
              <select name="provinceCode" value={draft.provinceCode} onChange={(event) => setDraft({ ...draft, provinceCode: event.target.value, region: '' })}>
                <option value="">— Chọn —</option>
                {provinces.map((province) => (
                  <option key={province.code} value={province.code}>
                    {province.name}
                  </option>
                ))}
              </select>
            ) : (
              <input name="provinceCode" value={nameOf(draft.provinceCode)} readOnly />
            )}
          </Field>
          <Field label="Vùng" field="region" error={error}>
            <select name="region" value={draft.region} onChange={set('region')}>
              <option value="">Theo tỉnh, thành phố{defaultRegion ? ` (${REGION_NAMES[defaultRegion]})` : ''}</option>
              {Object.entries(REGION_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Xã, phường, đặc khu" field="communeName" error={error}>
            <input name="communeName" value={draft.communeName} onChange={set('communeName')} placeholder="Ví dụ: Xã Sìn Hồ" />
          </Field>
          <Field label="Thôn, bản, tổ dân phố" field="hamletName" error={error}>
            <input name="hamletName" value={draft.hamletName} onChange={set('hamletName')} />
          </Field>
          <Field label="Địa chỉ" field="address" error={error} wide>
            <input name="address" value={draft.address} onChange={set('address')} />
          </Field>
          <Field label="Vĩ độ" field="latitude" error={error} hint="Ví dụ: 22,3964">
            <input name="latitude" inputMode="decimal" value={draft.latitude} onChange={set('latitude')} size={12} />
          </Field>
          <Field label="Kinh độ" field="longitude" error={error} hint="Ví dụ: 103,4582">
            <input name="longitude" inputMode="decimal" value={draft.longitude} onChange={set('longitude')} size={12} />
          </Field>
          <div className="wide">
            <LocationPicker
              latitude={draft.latitude}
              longitude={draft.longitude}
              onPick={(latitude, longitude) => setDraft({ ...draft, latitude: decimalText(latitude), longitude: decimalText(longitude) })}
            />
          </div>
        </div>
        <fieldset className="checkboxes">
          <legend>Đặc điểm địa bàn</legend>
          {Object.entries(AREA_FLAG_NAMES).map(([value, name]) => (
            <label key={value}>
              <input type="checkbox" checked={draft.areaFlags.includes(value)} onChange={() => toggleFlag(value)} />{' '}
              {name.charAt(0).toUpperCase() + name.slice(1)}
            </label>
          ))}
          <FieldError error={error} field="areaFlags" />
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>Kế hoạch và liên hệ</legend>
        <div className="fields">
          <Field label="Số người dự kiến" field="expectedAttendance" error={error}>
            <input name="expectedAttendance" inputMode="numeric" value={draft.expectedAttendance} onChange={set('expectedAttendance')} size={10} />
          </Field>
          <Field
            label="Ngày dự kiến"
            field="candidateDates"
            error={error}
            wide
            hint={`dd/mm/yyyy, cách nhau bởi dấu phẩy${edition ? `; trong thời gian tổ chức ${formatDate(edition.windowStart)} – ${formatDate(edition.windowEnd)}` : ''}`}
          >
            <DateField
              label="Ngày dự kiến"
              name="candidateDates"
              multiple
              value={draft.candidateDates}
              onChange={(value) => setDraft({ ...draft, candidateDates: value })}
              placeholder="10/08/2027, 12/08/2027"
              min={edition?.windowStart}
              max={edition?.windowEnd}
            />
            {outside.length > 0 && (
              <div className="field-error" role="alert" data-field="candidateDates">
                Ngoài thời gian tổ chức: {outside.map(formatDate).join(', ')}
              </div>
            )}
          </Field>
          <Field label="Người liên hệ" field="contactName" error={error}>
            <input name="contactName" value={draft.contactName} onChange={set('contactName')} />
          </Field>
          <Field label="Điện thoại liên hệ" field="contactPhone" error={error}>
            <input name="contactPhone" inputMode="tel" value={draft.contactPhone} onChange={set('contactPhone')} />
          </Field>
          <Field label="E-mail liên hệ" field="contactEmail" error={error}>
            <input name="contactEmail" type="email" value={draft.contactEmail} onChange={set('contactEmail')} />
          </Field>
        </div>
      </fieldset>

      <FormError error={error} fields={FIELDS} />
      <div className="buttons">
        <button type="submit" disabled={save.isPending || (!!venue && !changed)}>
          {save.isPending ? 'Đang lưu…' : venue ? 'Lưu thay đổi' : 'Gửi đề xuất'}
        </button>
        <Link className="button-link secondary" to={venue ? `/diem/${venue.id}` : '/'}>
          Bỏ qua
        </Link>
      </div>
    </form>
  );
}
