import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EditionCalendar } from '../components/EditionCalendar';
import { ErrorPanel, Loading } from '../components/errors';
import { VenueMap } from '../components/VenueMap';
import { formatDate } from '../input';
import { REGION_NAMES } from '@shared/provinces/src/region';
import { VenueStatus } from '@shared/venues/src/venue.enums';
import { READINESS_LEVELS, READINESS_NAMES } from '@shared/logistics/src/readiness/readiness.enums';
import { is } from '../codes';
import { READINESS_COLOURS, VENUE_STATUS_COLOURS, venueStatusName } from '../labels';
import { canWrite, useEdition, useProvinces, useUser } from '../session';
import { useReadiness, useVenues } from '../queries';
import type { Readiness, Venue } from '../api/models';
import { isLive } from './venue/workflow';

type ColourBy = 'status' | 'readiness';

/** Venues readiness does not follow: not yet approved, already held, or dropped. */
const NOT_FOLLOWED = 'Không theo dõi tiến độ (chưa phê duyệt, đã tổ chức hoặc dừng)';
const NOT_LISTED = 'Chưa rõ (xem trang Mức độ sẵn sàng)';

/** Edition overview: venues on the map, in a list and on the festival calendar. */
export function OverviewPage() {
  const user = useUser();
  const { edition, isLoading } = useEdition();
  const { nameOf } = useProvinces();
  const navigate = useNavigate();
  const venues = useVenues(edition?.id);
  const readiness = useReadiness(edition?.id);
  const [colourBy, setColourBy] = useState<ColourBy>('status');
  const [status, setStatus] = useState<string>('');
  const [search, setSearch] = useState('');

  // The dashboard lists the venues most at risk (at most 200): a live venue not listed is on track only
  // when that list is complete; otherwise its state is not known here.
  const readinessOf = useMemo(() => {
    const atRisk = new Map((readiness.data?.venuesAtRisk ?? []).map((venue) => [venue.venueId, venue.status]));
    const complete = !readiness.data || readiness.data.venuesAtRiskTotal <= readiness.data.venuesAtRisk.length;
    return (venue: Venue): Readiness | 'none' | 'unknown' => (!isLive(venue) ? 'none' : (atRisk.get(venue.id) ?? (complete ? 'on_track' : 'unknown')));
  }, [readiness.data]);

  if (isLoading) return <Loading what="đợt tổ chức" />;
  if (!edition) return <section className="panel">Chưa có đợt tổ chức nào.</section>;
  if (venues.error) return <ErrorPanel error={venues.error} />;
  if (!venues.data) return <Loading what="các điểm tổ chức" />;

  const needle = search.trim().toLocaleLowerCase('vi');
  const shown = venues.data.filter(
    (venue) =>
      (!status || venue.status === status) &&
      (!needle || `${venue.name} ${nameOf(venue.provinceCode)} ${venue.communeName}`.toLocaleLowerCase('vi').includes(needle)),
  );
  const colourOf = (venue: Venue) => (colourBy === 'status' ? VENUE_STATUS_COLOURS[venue.status] : READINESS_COLOURS[readinessOf(venue)]);
  const labelOf = (venue: Venue) => {
    if (colourBy === 'status') return venueStatusName(venue.status);
    const state = readinessOf(venue);
    return state === 'none' ? NOT_FOLLOWED : state === 'unknown' ? NOT_LISTED : READINESS_NAMES[state];
  };
  const counts = Object.values(VenueStatus).map((value) => [value, venues.data.filter((venue) => is(venue.status, value)).length] as const);
  const legend: Array<readonly [string, string]> =
    colourBy === 'status'
      ? Object.values(VenueStatus).map((value) => [venueStatusName(value), VENUE_STATUS_COLOURS[value]] as const)
      : [
          ...READINESS_LEVELS.map((key) => [READINESS_NAMES[key], READINESS_COLOURS[key]] as const),
          [NOT_FOLLOWED, READINESS_COLOURS.none] as const,
          ...(readiness.data && readiness.data.venuesAtRiskTotal > readiness.data.venuesAtRisk.length
            ? [[NOT_LISTED, READINESS_COLOURS.unknown] as const]
            : []),
        ];

  return (
    <div className="overview">
      <section className="panel">
        <div className="title-row">
          <h1>
            Tổng quan đợt năm {edition.year}
            {user.provinceCode ? ` — ${nameOf(user.provinceCode)}` : ''}
          </h1>
          {canWrite(user) && (
            <Link className="button-link" to="/diem/moi">
              Đề xuất điểm tổ chức
            </Link>
          )}
        </div>
        <p className="muted">
          {edition.theme}. Ngày hội toàn quốc: {formatDate(edition.nationalDay)}.
        </p>
        <div className="stat-row" data-testid="status-counts">
          <div className="stat">
            <strong>{venues.data.length}</strong> điểm tổ chức
          </div>
          {counts
            .filter(([, count]) => count > 0)
            .map(([value, count]) => (
              <div className="stat" key={value} style={{ borderTopColor: VENUE_STATUS_COLOURS[value] }}>
                <strong>{count}</strong> {venueStatusName(value).toLocaleLowerCase('vi')}
              </div>
            ))}
        </div>
      </section>

      <section className="panel">
        <div className="toolbar">
          <h2>Bản đồ các điểm</h2>
          <label>
            Tô màu theo{' '}
            <select value={colourBy} onChange={(event) => setColourBy(event.target.value as ColourBy)}>
              <option value="status">Trạng thái</option>
              <option value="readiness">Mức độ sẵn sàng</option>
            </select>
          </label>
          <label>
            Trạng thái{' '}
            <select aria-label="Lọc theo trạng thái" value={status} onChange={(event) => setStatus(event.target.value)}>
              <option value="">Tất cả</option>
              {Object.values(VenueStatus).map((value) => (
                <option key={value} value={value}>
                  {venueStatusName(value)}
                </option>
              ))}
            </select>
          </label>
          <input type="search" placeholder="Tìm theo tên, tỉnh, xã…" value={search} onChange={(event) => setSearch(event.target.value)} aria-label="Tìm điểm" />
        </div>
        <div className="legend">
          {legend.map(([name, colour]) => (
            <span key={name}>
              <i style={{ background: colour }} /> {name}
            </span>
          ))}
        </div>
        <div className="map-and-list">
          <VenueMap
            points={shown.map((venue) => ({
              id: venue.id,
              name: venue.name,
              latitude: venue.latitude,
              longitude: venue.longitude,
              colour: colourOf(venue),
              label: labelOf(venue),
            }))}
            onOpen={(id) => navigate(`/diem/${id}`)}
          />
          <ul className="venue-list" data-testid="venue-list" aria-label="Danh sách điểm tổ chức">
            {shown.map((venue) => (
              <li key={venue.id}>
                <i className="dot" style={{ background: colourOf(venue) }} />
                <div>
                  <Link to={`/diem/${venue.id}`}>{venue.name}</Link>
                  <small>
                    {nameOf(venue.provinceCode)} · {REGION_NAMES[venue.region]} · {labelOf(venue)}
                    {venue.scheduledDate ? ` · ${formatDate(venue.scheduledDate)} ${venue.startTime}–${venue.endTime}` : ''}
                  </small>
                </div>
              </li>
            ))}
            {shown.length === 0 && <li className="muted">Không có điểm nào phù hợp.</li>}
          </ul>
        </div>
      </section>

      <section className="panel">
        <h2>Lịch theo ngày</h2>
        <EditionCalendar
          edition={edition}
          entries={shown
            .filter((venue) => venue.scheduledDate)
            .map((venue) => ({
              id: venue.id,
              date: venue.scheduledDate!,
              name: venue.name,
              colour: colourOf(venue),
              title: `${venue.name} (${nameOf(venue.provinceCode)}) ${venue.startTime}–${venue.endTime} — ${labelOf(venue)}`,
            }))}
        />
        {shown.some((venue) => !venue.scheduledDate) && (
          <p className="muted">Chưa xếp lịch: {shown.filter((venue) => !venue.scheduledDate).length} điểm (ngày dự kiến xem trong trang từng điểm).</p>
        )}
      </section>
    </div>
  );
}
