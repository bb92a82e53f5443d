import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { client, data } from '../api/client';
import { ErrorPanel, Loading } from '../components/errors';
import { formatNumber, formatPercent, formatVnd } from '../input';
import { useEdition, useProvinces } from '../session';
import type { BudgetGroup } from '../api/models';

/** How many overspent venues of the chosen province are listed (Thanh Hóa alone has 4,500 venues). */
const OVERSPENT_SHOWN = 50;

function Variance({ totals }: { totals: Pick<BudgetGroup, 'variance' | 'variancePct'> }) {
  if (totals.variance === null) return <span className="muted">chưa quyết toán</span>;
  const tone = totals.variance > 0 ? 'over' : totals.variance < 0 ? 'under' : '';
  return (
    <span className={`variance ${tone}`}>
      {totals.variance > 0 ? '+' : ''}
      {formatVnd(totals.variance)}
      {totals.variancePct !== null && ` (${totals.variancePct > 0 ? '+' : ''}${formatNumber(totals.variancePct)}%)`}
    </span>
  );
}

function GroupTable({ title, groups, testId }: { title: string; groups: BudgetGroup[]; testId: string }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {groups.length === 0 ? (
        <p className="muted">Chưa có số liệu.</p>
      ) : (
        <table className="grid cards" data-testid={testId}>
          <thead>
            <tr>
              <th />
              <th className="number">Điểm</th>
              <th className="number">Dự toán</th>
              <th className="number">Thực chi</th>
              <th className="number">Chênh lệch</th>
              <th className="number">Đã chi</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key} aria-label={group.name}>
                <th scope="row" className="wide-cell">
                  {group.name}
                </th>
                <td className="number" data-label="Điểm">
                  {group.venues}
                </td>
                <td className="number" data-label="Dự toán">
                  {formatVnd(group.planned)}
                </td>
                <td className="number" data-label="Thực chi">
                  {formatVnd(group.actual)}
                </td>
                <td className="number" data-label="Chênh lệch">
                  <Variance totals={group} />
                </td>
                <td className="number" data-label="Đã chi">
                  {group.spentShare === null ? '—' : formatPercent(group.spentShare)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The edition's budget (dự toán, thực chi, chênh lệch) by region, province, category and funding
 * source, and the venues of one province (chosen here; a page of the roll-up each) that spent most over
 * their estimate. Organizers see their province only (the API scopes the roll-up).
 */
export function BudgetPage() {
  const { edition } = useEdition();
  const rollup = useQuery({
    queryKey: ['budget', 'rollup', edition?.id],
    queryFn: () => data(client.GET('/api/editions/{editionId}/budget', { params: { path: { editionId: edition!.id } } })),
    enabled: !!edition,
  });
  if (!edition) return <Loading what="đợt tổ chức" />;
  if (rollup.error) return <ErrorPanel error={rollup.error} />;
  if (!rollup.data) return <Loading what="kinh phí" />;
  const b = rollup.data;
  return (
    <div className="budget">
      <section className="panel">
        <h1>
          Kinh phí — {b.edition.name.toLocaleLowerCase('vi')}, đợt năm {edition.year}
        </h1>
        <p className="muted">{b.rule}</p>
        <div className="stat-row" data-testid="budget-summary">
          <div className="stat">
            <strong>{formatVnd(b.edition.planned)}</strong> dự toán ({b.edition.venues} điểm, {b.edition.lines} khoản)
          </div>
          <div className="stat">
            <strong>{formatVnd(b.edition.actual)}</strong> thực chi ({b.edition.linesWithActual} khoản đã quyết toán)
          </div>
          <div className="stat">
            <strong>
              <Variance totals={b.edition} />
            </strong>{' '}
            chênh lệch trên các khoản đã quyết toán
          </div>
          <div className="stat">
            <strong>{b.edition.spentShare === null ? '—' : formatPercent(b.edition.spentShare)}</strong> dự toán đã chi
          </div>
        </div>
      </section>
      <div className="two-columns">
        <GroupTable title="Theo vùng" groups={b.regions} testId="budget-regions" />
        <GroupTable title="Theo tỉnh, thành phố" groups={b.provinces} testId="budget-provinces" />
        <GroupTable title="Theo khoản mục" groups={b.categories} testId="budget-categories" />
        <GroupTable title="Theo nguồn kinh phí" groups={b.fundingSources} testId="budget-sources" />
      </div>
      <OverspentVenues editionId={edition.id} provinces={b.provinces} />
    </div>
  );
}

/** The venues of one province that spent most over their estimate, from that province's page of the roll-up. */
function OverspentVenues({ editionId, provinces }: { editionId: string; provinces: BudgetGroup[] }) {
  const { nameOf } = useProvinces();
  const [chosen, choose] = useState<string | null>(null);
  const provinceCode: string | null = chosen ?? (provinces.length > 0 ? provinces[0].key : null);
  const page = useQuery({
    queryKey: ['budget', 'province', editionId, provinceCode],
    queryFn: () =>
      data(
        client.GET('/api/editions/{editionId}/budget/provinces/{provinceCode}', {
          params: { path: { editionId, provinceCode: provinceCode! } },
        }),
      ),
    enabled: provinceCode !== null,
  });
  const overspent = (page.data?.venues ?? [])
    .filter((venue) => (venue.variance ?? 0) > 0)
    .sort((x, y) => y.variance! - x.variance!)
    .slice(0, OVERSPENT_SHOWN);
  return (
    <section className="panel">
      <h2>Điểm chi vượt dự toán</h2>
      {provinces.length > 1 && (
        <label>
          Tỉnh, thành phố{' '}
          <select value={provinceCode ?? ''} onChange={(event) => choose(event.target.value)}>
            {provinces.map((province) => (
              <option key={province.key} value={province.key}>
                {province.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {provinceCode === null ? (
        <p className="muted">Chưa có điểm nào chi vượt dự toán.</p>
      ) : page.error ? (
        <ErrorPanel error={page.error} />
      ) : !page.data ? (
        <Loading what="kinh phí của tỉnh" />
      ) : overspent.length === 0 ? (
        <p className="muted">Chưa có điểm nào chi vượt dự toán.</p>
      ) : (
        <table className="grid cards" data-testid="budget-overspent">
          <thead>
            <tr>
              <th>Điểm tổ chức</th>
              <th>Tỉnh, thành phố</th>
              <th className="number">Dự toán</th>
              <th className="number">Thực chi</th>
              <th className="number">Chênh lệch</th>
            </tr>
          </thead>
          <tbody>
            {overspent.map((venue) => (
              <tr key={venue.venueId}>
                <td className="wide-cell">
                  <Link to={`/diem/${venue.venueId}`}>{venue.name}</Link>
                </td>
                <td data-label="Tỉnh, thành phố">{nameOf(venue.provinceCode)}</td>
                <td className="number" data-label="Dự toán">
                  {formatVnd(venue.planned)}
                </td>
                <td className="number" data-label="Thực chi">
                  {formatVnd(venue.actual)}
                </td>
                <td className="number" data-label="Chênh lệch">
                  <Variance totals={venue} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
