import { useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { client, data } from '../api/client';
import { EditionCalendar } from '../components/EditionCalendar';
import { ErrorPanel, Loading } from '../components/errors';
import { Pager } from '../components/ListParams';
import { type MapBounds, type MapMarker, type MapView, VenueMap } from '../components/VenueMap';
import { formatDate, wholeText } from '../input';
import { Region, REGION_NAMES } from '@shared/provinces/src/region';
import { LIVE_VENUE_STATUSES, VenueStatus } from '@shared/venues/src/venue.enums';
import { READINESS_LEVELS, READINESS_NAMES } from '@shared/logistics/src/readiness/readiness.enums';
import { clusterPoints } from '@shared/venues/src/venue-cluster-rules';
import { codeIn, is, isOneOf } from '../codes';
import { READINESS_COLOURS, VENUE_STATUS_COLOURS, venueStatusName } from '../labels';
import { canWrite, isPlanner, useEdition, useProvinces, useUser } from '../session';
import { useConsoleSettings, useReadiness } from '../queries';
import type { Readiness, Venue } from '../api/models';

type ColourBy = 'status' | 'readiness';

/** Venues readiness does not follow: not yet approved, already held, or dropped. */
const NOT_FOLLOWED = 'Không theo dõi tiến độ (chưa phê duyệt, đã tổ chức hoặc dừng)';
const NOT_LISTED = 'Chưa rõ (xem trang Mức độ sẵn sàng)';
/** At this zoom or wider the map shows each province's figures (of a large selection); closer in, the API's clusters and the venues themselves. */
const PROVINCE_ZOOM = 6;
/** The map's zoom before it reports its own (VenueMap starts on the whole country at 5). */
const FIRST_ZOOM = 5;
/** Venues per page of the list (the API pages it; the browser never holds the edition). */
const PAGE_SIZE = 50;
/** How long typing pauses before the search goes to the API. */
const SEARCH_DELAY_MS = 250;
const GROUP_COLOUR = '#1e3a8a';

/**
 * Edition overview at any size (issue 18: 50,000 venues): the figures by status, region and province
 * come from the API; the map shows each province's figures until zoomed in, then the API's clusters of
 * what it shows (a small edition's venues come with the figures and are grouped here by the same rule); the list is a page of the API's at a time, searched and filtered there, and follows the
 * map once zoomed in; the calendar names each day's first few venues (with the figures) and counts the
 * rest, which the list shows when asked.
 */
export function OverviewPage() {
  const user = useUser();
  // The remembered edition's id, before the list of editions arrives: the figures are asked for at once.
  const { edition, editionId, isLoading } = useEdition();
  const { nameOf } = useProvinces();
  const navigate = useNavigate();
  const readiness = useReadiness(editionId);
  // Asked now, beside the figures, so the map is drawn as soon as they come (not one round trip later).
  useConsoleSettings();
  const [colourBy, setColourBy] = useState<ColourBy>('status');
  const [status, setStatus] = useState<VenueStatus | ''>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [provinceCode, setProvinceCode] = useState('');
  const [day, setDay] = useState('');
  const [view, setView] = useState<MapView | null>(null);
  const [paging, setPaging] = useState({ key: '', page: 1 });
  const listRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const filters = {
    editionId: editionId ?? '',
    status: status ? [status] : undefined,
    q: q || undefined,
    provinceCode: provinceCode || undefined,
    dateFrom: day || undefined,
    dateTo: day || undefined,
  };
  const zoomedIn = view !== null && view.zoom > PROVINCE_ZOOM;
  const inView = zoomedIn ? { south: view.south, north: view.north, west: view.west, east: view.east } : {};
  const listKey = JSON.stringify([filters, inView]);
  const page = paging.key === listKey ? paging.page : 1;
  // Another filter (or map view) starts again at its first page, and coming back to one does not restore an old page.
  if (paging.key !== listKey) setPaging({ key: listKey, page: 1 });

  const summary = useQuery({
    queryKey: ['venues', 'summary', filters],
    queryFn: () => data(client.GET('/api/venues/summary', { params: { query: filters } })),
    enabled: !!editionId,
    placeholderData: keepPreviousData,
  });
  // A small selection comes with its venues' positions, grouped here by the API's own rule at every
  // zoom: the map draws with the figures, without a request of its own once it knows its view. A large
  // one (points null) shows each province's figures, then the API's clusters of the view.
  const points = summary.data?.points;
  const byProvince = !zoomedIn && points === null;
  const clusters = useQuery({
    queryKey: ['venues', 'clusters', filters, view],
    queryFn: () => data(client.GET('/api/venues/clusters', { params: { query: { ...filters, ...inView, zoom: view!.zoom } } })),
    enabled: !!editionId && view !== null && points === null && zoomedIn,
    placeholderData: keepPreviousData,
  });
  const zoom = view?.zoom ?? FIRST_ZOOM;
  const pointClusters = useMemo(() => (points ? clusterPoints(points, zoom) : null), [points, zoom]);
  const list = useQuery({
    queryKey: ['venues', 'page', filters, inView, page],
    queryFn: () => data(client.GET('/api/venues', { params: { query: { ...filters, ...inView, page, pageSize: PAGE_SIZE } } })),
    enabled: !!editionId,
    placeholderData: keepPreviousData,
  });

  // The dashboard lists the venues most at risk (at most 200): a live venue not listed is on track only
  // when that list is complete; otherwise its state is not known here.
  const readinessOf = useMemo(() => {
    const atRisk = new Map((readiness.data?.venuesAtRisk ?? []).map((venue) => [venue.venueId, venue.status]));
    const complete = !readiness.data || readiness.data.venuesAtRiskTotal <= readiness.data.venuesAtRisk.length;
    return (id: string, venueStatus: Venue['status']): Readiness | 'none' | 'unknown' =>
      !isOneOf(venueStatus, LIVE_VENUE_STATUSES) ? 'none' : (atRisk.get(id) ?? (complete ? 'on_track' : 'unknown'));
  }, [readiness.data]);

  // The edition's venues (or the filter's, or the province chosen), shown whole when they change — not
  // when a refetch brings the same figures, nor while the user moves the map.
  const shownProvinces = (summary.data?.provinces ?? []).filter((province) => !provinceCode || province.provinceCode === provinceCode);
  const extent =
    shownProvinces.length === 0
      ? null
      : [
          Math.min(...shownProvinces.map((province) => province.south)),
          Math.max(...shownProvinces.map((province) => province.north)),
          Math.min(...shownProvinces.map((province) => province.west)),
          Math.max(...shownProvinces.map((province) => province.east)),
        ];
  const extentKey = extent?.join(',') ?? '';
  const fitTo = useMemo<MapBounds | null>(() => {
    if (!extentKey) return null;
    const [south, north, west, east] = extentKey.split(',').map(Number);
    return { south, north, west, east };
  }, [extentKey]);

  if (isLoading) return <Loading what="đợt tổ chức" />;
  if (!edition) return <section className="panel">Chưa có đợt tổ chức nào.</section>;
  if (summary.error) return <ErrorPanel error={summary.error} />;
  if (!summary.data) return <Loading what="các điểm tổ chức" />;

  const figures = summary.data;
  const colourOf = (id: string, venueStatus: Venue['status']) =>
    colourBy === 'status' ? VENUE_STATUS_COLOURS[venueStatus] : READINESS_COLOURS[readinessOf(id, venueStatus)];
  const labelOf = (id: string, venueStatus: Venue['status']) => {
    if (colourBy === 'status') return venueStatusName(venueStatus);
    const state = readinessOf(id, venueStatus);
    return state === 'none' ? NOT_FOLLOWED : state === 'unknown' ? NOT_LISTED : READINESS_NAMES[state];
  };
  const markers: MapMarker[] = !byProvince
    ? (pointClusters ?? clusters.data?.clusters ?? []).map((cluster) =>
        cluster.venueId && cluster.status
          ? {
              key: cluster.venueId,
              latitude: cluster.latitude,
              longitude: cluster.longitude,
              count: 1,
              venueId: cluster.venueId,
              colour: colourOf(cluster.venueId, cluster.status),
              label: `${cluster.name ?? ''} — ${labelOf(cluster.venueId, cluster.status)}`,
            }
          : {
              key: `${cluster.latitude},${cluster.longitude}`,
              latitude: cluster.latitude,
              longitude: cluster.longitude,
              count: cluster.count,
              colour: GROUP_COLOUR,
              label: `${wholeText(cluster.count)} điểm tổ chức gần nhau — bấm để phóng to`,
            },
      )
    : figures.provinces.map((province) => ({
        key: `${province.provinceCode}/${province.region}`,
        latitude: province.latitude,
        longitude: province.longitude,
        count: province.count,
        colour: GROUP_COLOUR,
        bounds: province,
        label: `${nameOf(province.provinceCode)}: ${wholeText(province.count)} điểm tổ chức — bấm để xem`,
      }));
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
  const regions = Object.values(Region)
    .map((region) => {
      const inRegion = figures.provinces.filter((province) => is(province.region, region));
      return { region, count: inRegion.reduce((sum, province) => sum + province.count, 0), provinces: inRegion };
    })
    .filter((region) => region.count > 0);
  const venues = list.data?.items ?? [];
  const dayCounts = new Map(figures.days.map((entry) => [entry.date, entry.count]));
  // A day's other venues: the list filtered to that day, brought into view (on a phone it is above the calendar).
  const showDay = (date: string) => {
    setDay(date);
    listRef.current?.scrollIntoView({ block: 'start' });
    listRef.current?.focus({ preventScroll: true });
  };
  const unscheduled = figures.total - figures.days.reduce((sum, entry) => sum + entry.count, 0);
  const filtered = !!(status || q || provinceCode || day);

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
            <strong>{wholeText(figures.total)}</strong> điểm tổ chức{filtered ? ' phù hợp' : ''}
          </div>
          {figures.byStatus.map(({ status: value, count }) => (
            <div className="stat" key={value} style={{ borderTopColor: VENUE_STATUS_COLOURS[value] }}>
              <strong>{wholeText(count)}</strong> {venueStatusName(value).toLocaleLowerCase('vi')}
            </div>
          ))}
        </div>
        {isPlanner(user) && regions.length > 0 && (
          <div className="region-figures" data-testid="region-figures">
            <h2>Theo vùng và tỉnh</h2>
            {regions.map((region) => (
              <details key={region.region}>
                <summary>
                  {REGION_NAMES[region.region]}: <strong>{wholeText(region.count)}</strong> điểm
                </summary>
                <ul>
                  {region.provinces.map((province) => (
                    <li key={province.provinceCode}>
                      <button type="button" className="link" onClick={() => setProvinceCode(province.provinceCode)}>
                        {nameOf(province.provinceCode)}
                      </button>{' '}
                      {wholeText(province.count)} điểm
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </div>
        )}
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
            <select
              aria-label="Lọc theo trạng thái"
              value={status}
              onChange={(event) => setStatus(codeIn(Object.values(VenueStatus), event.target.value) ?? '')}
            >
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
        {(provinceCode || day) && (
          <div className="active-filters">
            {provinceCode && (
              <button type="button" className="secondary" onClick={() => setProvinceCode('')}>
                Tỉnh: {nameOf(provinceCode)} ✕
              </button>
            )}
            {day && (
              <button type="button" className="secondary" onClick={() => setDay('')}>
                Ngày {formatDate(day)} ✕
              </button>
            )}
          </div>
        )}
        <div className="legend">
          {legend.map(([name, colour]) => (
            <span key={name}>
              <i style={{ background: colour }} /> {name}
            </span>
          ))}
          <span>
            <i className="bubble-key" /> {byProvince ? 'Số điểm của tỉnh (bấm để xem)' : 'Nhóm điểm gần nhau (bấm để phóng to)'}
          </span>
        </div>
        <div className="map-and-list">
          <VenueMap markers={markers} fitTo={fitTo} onView={setView} onOpen={(id) => navigate(`/diem/${id}`)} />
          <div className="venue-list-wrap">
            <p className="muted" aria-live="polite" ref={listRef} tabIndex={-1}>
              {zoomedIn ? 'Các điểm trong khung bản đồ' : 'Các điểm'}: {wholeText(list.data?.total ?? 0)}
              {list.isFetching ? ' (đang tải…)' : ''}
            </p>
            <ul className="venue-list" data-testid="venue-list" aria-label="Danh sách điểm tổ chức">
              {venues.map((venue) => (
                <li key={venue.id}>
                  <i className="dot" style={{ background: colourOf(venue.id, venue.status) }} />
                  <div>
                    <Link to={`/diem/${venue.id}`}>{venue.name}</Link>
                    <small>
                      {nameOf(venue.provinceCode)} · {REGION_NAMES[venue.region]} · {labelOf(venue.id, venue.status)}
                      {venue.scheduledDate ? ` · ${formatDate(venue.scheduledDate)} ${venue.startTime}–${venue.endTime}` : ''}
                    </small>
                  </div>
                </li>
              ))}
              {list.data && venues.length === 0 && <li className="muted">Không có điểm nào phù hợp.</li>}
            </ul>
            {list.error && <ErrorPanel error={list.error} />}
            {list.data && list.data.total > PAGE_SIZE && (
              <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} noun="điểm" onPage={(next) => setPaging({ key: listKey, page: next })} />
            )}
          </div>
        </div>
      </section>

      <section className="panel">
        <h2>Lịch theo ngày</h2>
        <EditionCalendar
          edition={edition}
          counts={dayCounts}
          onDay={showDay}
          entries={figures.days.flatMap((entry) =>
            entry.venues.map((venue) => ({
              id: venue.id,
              date: entry.date,
              name: venue.name,
              colour: colourOf(venue.id, venue.status),
              title: `${venue.name} (${nameOf(venue.provinceCode)}) ${venue.startTime ?? ''}–${venue.endTime ?? ''} — ${labelOf(venue.id, venue.status)}`,
            })),
          )}
        />
        {unscheduled > 0 && <p className="muted">Chưa xếp lịch: {wholeText(unscheduled)} điểm (ngày dự kiến xem trong trang từng điểm).</p>}
      </section>
    </div>
  );
}
