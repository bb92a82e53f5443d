import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, data, download, saveBlob } from '../api/client';
import { ErrorPanel, FormError, Loading } from '../components/errors';
import { formatVnd, wholeText } from '../input';
import { useEdition } from '../session';
import type { EditionComparison, ReportLine } from '../api/models';

const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);

/** The columns of the report's tables, as the printed report names them. */
const COLUMNS: Array<{ label: string; value: (line: ReportLine) => string }> = [
  { label: 'Số điểm', value: (line) => wholeText(line.venues) },
  { label: 'Đã tổ chức', value: (line) => wholeText(line.held) },
  { label: 'Hủy', value: (line) => wholeText(line.cancelled) },
  { label: 'Đã báo cáo', value: (line) => wholeText(line.reported) },
  { label: 'Người tham dự', value: (line) => wholeText(line.attendance) },
  {
    label: 'Lãnh đạo dự (điểm TW)',
    value: (line) => `${wholeText(line.centralVenuesWithLeader)}/${wholeText(line.centralVenues)} (${share(line.leaderCoverage)})`,
  },
  { label: 'Dự toán', value: (line) => formatVnd(line.budgetPlannedVnd) },
  { label: 'Thực chi', value: (line) => formatVnd(line.budgetActualVnd) },
  { label: 'Bình quân/điểm', value: (line) => formatVnd(line.budgetPerVenueVnd) },
  { label: 'Việc đúng hạn', value: (line) => `${wholeText(line.tasksOnTime)}/${wholeText(line.tasks)} (${share(line.onTimeRate)})` },
];

/**
 * The edition's results after the festival (issue 20): per region and province (the organizer's own
 * province only), downloads as XLSX and PDF for the yearly report, and another edition side by side.
 */
export function ReportPage() {
  const { edition, editions } = useEdition();
  const report = useQuery({
    queryKey: ['edition-report', edition?.id],
    queryFn: () => data(client.GET('/api/editions/{editionId}/report', { params: { path: { editionId: edition!.id }, query: { format: 'json' } } })),
    enabled: !!edition,
  });
  const [other, setOther] = useState('');
  if (!edition) return <Loading what="đợt tổ chức" />;
  if (report.error) return <ErrorPanel error={report.error} />;
  if (!report.data) return <Loading what="báo cáo" />;
  const r = report.data;
  return (
    <div className="report-page">
      <section className="panel">
        <div className="title-row">
          <h1>Báo cáo kết quả — đợt năm {r.year}</h1>
          <ReportDownloads editionId={edition.id} />
        </div>
        <p data-testid="report-total">
          <strong>{r.scopeName}:</strong> {wholeText(r.total.venues)} điểm, {wholeText(r.total.held)} đã tổ chức, {wholeText(r.total.reported)} đã báo cáo kết
          quả, {wholeText(r.total.attendance)} người tham dự.
        </p>
      </section>
      <section className="panel">
        <h2>Theo vùng</h2>
        <ReportTable lines={[...r.regions.filter((line) => line.venues + line.cancelled > 0), r.total]} testId="report-regions" />
      </section>
      <section className="panel">
        <h2>Theo tỉnh, thành phố</h2>
        <ReportTable lines={r.provinces} testId="report-provinces" />
      </section>
      <section className="panel">
        <h2>So sánh với đợt khác</h2>
        <label>
          Đợt so sánh
          <select name="compareWith" value={other} onChange={(event) => setOther(event.target.value)}>
            <option value="">— Chọn đợt —</option>
            {editions
              .filter((item) => item.id !== edition.id)
              .map((item) => (
                <option key={item.id} value={item.id}>
                  Năm {item.year}
                </option>
              ))}
          </select>
        </label>
        {other && <Comparison editionId={edition.id} otherId={other} />}
      </section>
    </div>
  );
}

function ReportTable({ lines, testId }: { lines: ReportLine[]; testId: string }) {
  if (lines.length === 0) return <p className="muted">Chưa có điểm tổ chức.</p>;
  return (
    <table className="grid cards" data-testid={testId}>
      <thead>
        <tr>
          <th>Đơn vị</th>
          {COLUMNS.map((column) => (
            <th key={column.label} className="number">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.key}>
            <td className="wide-cell">
              <strong>{line.name}</strong>
            </td>
            {COLUMNS.map((column) => (
              <td key={column.label} className="number" data-label={column.label}>
                {column.value(line)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Region by region: this edition, the other, for the figures the yearly report compares. */
function Comparison({ editionId, otherId }: { editionId: string; otherId: string }) {
  const comparison = useQuery({
    queryKey: ['edition-comparison', editionId, otherId],
    queryFn: () => data(client.GET('/api/editions/{editionId}/comparison', { params: { path: { editionId }, query: { with: otherId } } })),
  });
  if (comparison.error) return <ErrorPanel error={comparison.error} />;
  if (!comparison.data) return <Loading what="so sánh" />;
  return <ComparisonTable comparison={comparison.data} />;
}

const COMPARED: Array<{ label: string; value: (line: ReportLine) => string }> = [
  { label: 'Số điểm', value: (line) => wholeText(line.venues) },
  { label: 'Lãnh đạo dự điểm TW', value: (line) => share(line.leaderCoverage) },
  { label: 'Bình quân/điểm', value: (line) => formatVnd(line.budgetPerVenueVnd) },
  { label: 'Việc đúng hạn', value: (line) => share(line.onTimeRate) },
];

function ComparisonTable({ comparison }: { comparison: EditionComparison }) {
  const { first, second } = comparison;
  return (
    <table className="grid cards" data-testid="report-comparison">
      <thead>
        <tr>
          <th>Vùng</th>
          {COMPARED.map((column) => (
            <th key={column.label} className="number">
              {column.label} ({first.year} / {second.year})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {comparison.lines.map((line) => (
          <tr key={line.key}>
            <td className="wide-cell">
              <strong>{line.name}</strong>
            </td>
            {COMPARED.map((column) => (
              <td key={column.label} className="number" data-label={`${column.label} (${first.year} / ${second.year})`}>
                {column.value(line.first)} / {column.value(line.second)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportDownloads({ editionId }: { editionId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(format: 'xlsx' | 'pdf') {
    setError(null);
    setBusy(true);
    try {
      const { blob, filename } = await download(
        client.GET('/api/editions/{editionId}/report', { params: { path: { editionId }, query: { format } }, parseAs: 'stream' }),
        () => undefined,
      );
      saveBlob(blob, filename);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="exports">
      <button type="button" disabled={busy} onClick={() => void run('xlsx')}>
        Tải báo cáo Excel
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => void run('pdf')}>
        Tải báo cáo PDF
      </button>
      <FormError error={error} />
    </div>
  );
}
