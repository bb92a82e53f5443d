import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { client, download, saveBlob } from '../api/client';
import { ErrorPanel, FormError, Loading, Progress } from '../components/errors';
import { formatDate, formatPercent, wholeText } from '../input';
import { READINESS_LEVELS, READINESS_NAMES } from '@shared/logistics/src/readiness/readiness.enums';
import { READINESS_COLOURS } from '../labels';
import { canWrite, useEdition, useProvinces, useUser } from '../session';
import type { DashboardGroup, Readiness } from '../api/models';
import { useReadiness } from '../queries';

const lower = (name: string) => name.toLocaleLowerCase('vi');

/** Where a group of the dashboard counts its venues of each readiness. */
const COUNT_OF: Record<Readiness, 'onTrack' | 'atRisk' | 'late'> = { on_track: 'onTrack', at_risk: 'atRisk', late: 'late' };

/** The readiness dashboard: the edition, each region and province, the venues at risk, and the exports. */
export function ReadinessPage() {
  const user = useUser();
  const { edition } = useEdition();
  const { nameOf } = useProvinces();
  const dashboard = useReadiness(edition?.id);
  // `?tinh=12`: the province a notification (an overdue escalation) is about, shown first.
  const [params] = useSearchParams();
  const focus = params.get('tinh');
  if (!edition) return <Loading what="đợt tổ chức" />;
  if (dashboard.error) return <ErrorPanel error={dashboard.error} />;
  if (!dashboard.data) return <Loading what="mức độ sẵn sàng" />;
  const d = dashboard.data;
  return (
    <div className="readiness">
      <section className="panel">
        <div className="title-row">
          <h1>Mức độ sẵn sàng — đợt năm {edition.year}</h1>
          {canWrite(user) && <ExportButtons editionId={edition.id} />}
        </div>
        <p className="muted">
          Số liệu tính đến ngày {formatDate(d.today)}. {d.rule}
        </p>
        <div className="stat-row" data-testid="readiness-summary">
          {/* "Toàn quốc", or the organizer's province: the totals are that scope's. */}
          <div className="stat scope">
            <small>Phạm vi</small>
            <strong>{d.edition.name}</strong>
          </div>
          <div className="stat">
            <strong>{d.edition.venues}</strong> điểm có nhiệm vụ
          </div>
          <div className="stat" style={{ borderTopColor: READINESS_COLOURS.on_track }}>
            <strong>{d.edition.onTrack}</strong> {lower(READINESS_NAMES.on_track)}
          </div>
          <div className="stat" style={{ borderTopColor: READINESS_COLOURS.at_risk }}>
            <strong>{d.edition.atRisk}</strong> {lower(READINESS_NAMES.at_risk)}
          </div>
          <div className="stat" style={{ borderTopColor: READINESS_COLOURS.late }}>
            <strong>{d.edition.late}</strong> {lower(READINESS_NAMES.late)}
          </div>
          <div className="stat">
            <strong>{formatPercent(d.edition.doneShare)}</strong> khối lượng đã xong
          </div>
        </div>
      </section>
      {focus && <ProvinceFocus code={focus} name={nameOf(focus)} group={d.provinces.find((group) => group.key === focus)} />}
      <div className="two-columns">
        <section className="panel">
          <h2>Theo vùng</h2>
          <GroupChart groups={d.regions} testId="chart-regions" />
        </section>
        <section className="panel">
          <h2>Theo tỉnh, thành phố</h2>
          <GroupChart groups={d.provinces} testId="chart-provinces" />
        </section>
      </div>
      <section className="panel">
        <h2>Điểm có nguy cơ hoặc chậm ({d.venuesAtRiskTotal})</h2>
        {d.venuesAtRisk.length === 0 ? (
          <p className="muted">Không có điểm nào có nguy cơ.</p>
        ) : (
          <table className="grid cards" data-testid="venues-at-risk">
            <thead>
              <tr>
                <th>Điểm</th>
                <th>Tỉnh, thành phố</th>
                <th>Ngày</th>
                <th>Mức</th>
                <th className="number">Đã xong</th>
                <th className="number">Quá hạn</th>
                <th className="number">Bị vướng</th>
              </tr>
            </thead>
            <tbody>
              {d.venuesAtRisk.map((venue) => (
                <tr key={venue.venueId}>
                  <td className="wide-cell">
                    <Link to={`/diem/${venue.venueId}`}>{venue.name}</Link>
                  </td>
                  <td data-label="Tỉnh, thành phố">{nameOf(venue.provinceCode)}</td>
                  <td data-label="Ngày">{formatDate(venue.date)}</td>
                  <td data-label="Mức">
                    <span className="tag" style={{ background: READINESS_COLOURS[venue.status] }}>
                      {READINESS_NAMES[venue.status]}
                    </span>
                  </td>
                  <td className="number" data-label="Đã xong">
                    {formatPercent(venue.doneShare)}
                  </td>
                  <td className="number" data-label="Quá hạn">
                    {venue.overdue}
                  </td>
                  <td className="number" data-label="Bị vướng">
                    {venue.blocked}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** The province a link named: its counts, or that it has no venue with tasks in this edition. */
function ProvinceFocus({ code, name, group }: { code: string; name: string; group: DashboardGroup | undefined }) {
  return (
    <section className="panel" data-testid="readiness-province" aria-labelledby={`tinh-${code}`}>
      <h2 id={`tinh-${code}`}>{name}</h2>
      {group ? (
        <p>
          {group.venues} điểm có nhiệm vụ: {group.onTrack} {lower(READINESS_NAMES.on_track)}, {group.atRisk} {lower(READINESS_NAMES.at_risk)}, {group.late}{' '}
          {lower(READINESS_NAMES.late)}; {group.overdue} việc quá hạn, {group.blocked} việc bị vướng; {formatPercent(group.doneShare)} khối lượng đã xong.
        </p>
      ) : (
        <p className="muted">Chưa có điểm nào có nhiệm vụ trong đợt này.</p>
      )}
    </section>
  );
}

/** Horizontal stacked bars: on track / at risk / late venues of each group, and the share of work done. */
function GroupChart({ groups, testId }: { groups: DashboardGroup[]; testId: string }) {
  const max = Math.max(1, ...groups.map((group) => group.venues));
  if (groups.length === 0) return <p className="muted">Chưa có số liệu.</p>;
  return (
    <div className="bar-chart" data-testid={testId}>
      {groups.map((group) => (
        <div
          className="bar-row"
          key={group.key}
          title={`${group.name}: ${READINESS_LEVELS.map((level) => `${group[COUNT_OF[level]]} ${lower(READINESS_NAMES[level])}`).join(', ')}`}
        >
          <span className="bar-label">{group.name}</span>
          <span className="bar" style={{ width: `${(group.venues / max) * 100}%` }}>
            {READINESS_LEVELS.map((level) =>
              group[COUNT_OF[level]] > 0 ? (
                <i key={level} style={{ flexGrow: group[COUNT_OF[level]], background: READINESS_COLOURS[level] }}>
                  {group[COUNT_OF[level]]}
                </i>
              ) : null,
            )}
          </span>
          <span className="bar-value">{formatPercent(group.doneShare)}</span>
        </div>
      ))}
      <div className="legend">
        {READINESS_LEVELS.map((key) => (
          <span key={key}>
            <i style={{ background: READINESS_COLOURS[key] }} /> {READINESS_NAMES[key]}
          </span>
        ))}
        <span>· cột cuối: tỉ lệ khối lượng đã xong</span>
      </div>
    </div>
  );
}

/** The edition plan as XLSX or CSV, with the bytes received shown while it streams. */
function ExportButtons({ editionId }: { editionId: string }) {
  const [state, setState] = useState<{ format: string; bytes: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function run(format: 'xlsx' | 'csv') {
    setError(null);
    setDone(null);
    setState({ format, bytes: 0 });
    try {
      const { blob, filename } = await download(
        client.GET('/api/editions/{editionId}/export', { params: { path: { editionId }, query: { format } }, parseAs: 'stream' }),
        (bytes) => setState({ format, bytes }),
      );
      saveBlob(blob, filename);
      setDone(`Đã xuất ${filename} (${wholeText(Math.ceil(blob.size / 1024))} KB).`);
    } catch (caught) {
      setError(caught);
    } finally {
      setState(null);
    }
  }
  return (
    <div className="exports">
      <button type="button" onClick={() => run('xlsx')} disabled={!!state}>
        Xuất kế hoạch (Excel)
      </button>
      <button type="button" className="secondary" onClick={() => run('csv')} disabled={!!state}>
        Xuất CSV
      </button>
      {state && <Progress label={`Đang xuất ${state.format.toUpperCase()}… đã nhận ${wholeText(Math.ceil(state.bytes / 1024))} KB`} />}
      {done && (
        <span className="ok" role="status">
          {done}
        </span>
      )}
      <FormError error={error} />
    </div>
  );
}
