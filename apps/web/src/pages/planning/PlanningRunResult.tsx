import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DEFAULT_WEIGHTS, PREFERENCE_NAMES, PreferenceName } from '@shared/planning/src/planning-weights';
import { FormError, Progress } from '../../components/errors';
import { formatDate, formatInstant, formatNumber } from '../../input';
import { useProvinces } from '../../session';
import { PENDING_PLANNING_RUN_STATUSES, PLANNING_RUN_STATUS_NAMES, PlanningRunStatus } from '@shared/planning/src/planning-run.enums';
import { is, isOneOf } from '../../codes';
import type { PlanningRun, VenuePlan } from '../../api/models';

const PREFERENCES = Object.keys(DEFAULT_WEIGHTS) as PreferenceName[];
const cost = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value));

function PlanCell({ plan }: { plan: VenuePlan }) {
  return (
    <>
      <td className="nowrap">{formatDate(plan.date)}</td>
      <td>
        {plan.chiefGuest ? plan.chiefGuest.name : <span className="muted">Chưa có lãnh đạo dự chính</span>}
        {plan.accompanying.length > 0 && <small className="block muted">Đi cùng: {plan.accompanying.map((leader) => leader.name).join(', ')}</small>}
      </td>
    </>
  );
}

interface Props {
  run: PlanningRun;
  accepting: boolean;
  acceptError: unknown;
  onAccept: () => void;
  cancelling: boolean;
  cancelError: unknown;
  onCancel: () => void;
}

/**
 * A run: its progress while the worker solves it; once proposed, the summary, the objective broken
 * down by preference, why venues stay uncovered, and every venue with the plan in force next to the
 * proposal; accepting writes it (after a confirmation). A run still waiting or being solved can be
 * cancelled (after a confirmation): the worker stops its solve.
 */
export function PlanningRunResult({ run, accepting, acceptError, onAccept, cancelling, cancelError, onCancel }: Props) {
  const { nameOf } = useProvinces();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const waiting = isOneOf(run.status, PENDING_PLANNING_RUN_STATUSES);
  const rows = (run.comparison ?? []).filter((row) => !onlyChanged || row.changed);
  const explained = new Map<string, string[]>();
  for (const explanation of run.explanations ?? []) explained.set(explanation.venueId, [...(explained.get(explanation.venueId) ?? []), explanation.message]);
  const changedCount = (run.comparison ?? []).filter((row) => row.changed).length;

  return (
    <section className="panel planning-result" data-testid="planning-run" aria-label="Phương án lập kế hoạch">
      <div className="title-row">
        <h2>Phương án lập lúc {formatInstant(run.createdAt)}</h2>
        <span className={`tag run-${run.status}`} data-testid="run-status">
          {PLANNING_RUN_STATUS_NAMES[run.status]}
        </span>
      </div>
      {waiting && (
        <Progress
          label={
            run.progress.total > 0
              ? `Đang lập phương án: xong ${run.progress.done}/${run.progress.total} tỉnh, thành phố…`
              : is(run.status, PlanningRunStatus.Solving)
                ? 'Đang lập phương án…'
                : 'Đang chờ máy xử lý nền nhận lượt lập kế hoạch…'
          }
          value={run.progress.total > 0 ? run.progress.done : undefined}
          max={run.progress.total > 0 ? run.progress.total : undefined}
        />
      )}
      {waiting && (
        <div className="buttons">
          {confirmingCancel ? (
            <>
              <button type="button" className="danger" onClick={onCancel} disabled={cancelling}>
                {cancelling ? 'Đang huỷ…' : 'Xác nhận huỷ lượt lập kế hoạch'}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmingCancel(false)}>
                Không huỷ
              </button>
            </>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirmingCancel(true)}>
              Huỷ lượt lập kế hoạch
            </button>
          )}
        </div>
      )}
      <FormError error={cancelError} />
      {is(run.status, PlanningRunStatus.Cancelled) && (
        <p className="muted" role="status" data-testid="cancelled-note">
          Lượt lập kế hoạch này đã bị huỷ: máy xử lý nền đã dừng giải, không có phương án nào được lập.
        </p>
      )}
      {is(run.status, PlanningRunStatus.Failed) && (
        <div className="form-error" role="alert">
          Không lập được phương án: {run.failure}
        </div>
      )}
      {run.summary && (
        <p data-testid="run-summary">
          {run.summary}
          {run.stats && (
            <small className="muted">
              {' '}
              (giải trong {cost(run.stats.seconds)} giây{run.solverStatus === 'optimal' ? ', tối ưu' : ', dừng theo giới hạn thời gian'})
            </small>
          )}
        </p>
      )}
      {run.objective && (
        <div className="two-columns">
          <table className="grid" data-testid="objective-breakdown">
            <caption>Chi phí theo tiêu chí ưu tiên (càng thấp càng tốt)</caption>
            <tbody>
              {PREFERENCES.map((name) => (
                <tr key={name}>
                  <th scope="row">{PREFERENCE_NAMES[name]}</th>
                  <td className="number">{cost(run.objective!.preferences[name])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Tổng</th>
                <td className="number">
                  <strong>{cost(run.objective.preferenceTotal)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <div className="stat-row">
            <div className="stat">
              <strong data-testid="uncovered-count">{run.objective.uncoveredVenues}</strong> điểm chưa có lãnh đạo dự chính
            </div>
            <div className="stat">
              <strong>{run.objective.missingAccompanying}</strong> vị trí đi cùng còn thiếu
            </div>
            <div className="stat">
              <strong data-testid="changed-count">{changedCount}</strong> điểm thay đổi so với kế hoạch hiện hành
            </div>
          </div>
        </div>
      )}
      {(run.explanations ?? []).length > 0 && (
        <div className="notice" data-testid="explanations">
          <h3>Vì sao có điểm chưa được bố trí</h3>
          <ul>
            {run.explanations!.map((explanation, index) => (
              <li key={index} data-code={explanation.code}>
                {explanation.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(run.brokenFixed ?? []).length > 0 && (
        <div className="form-error" role="alert">
          Phương án phải thay đổi {run.brokenFixed!.length} phân công đã khóa hoặc đã được chấp nhận vì không còn cách bố trí khác.
        </div>
      )}
      {run.comparison && (
        <>
          <div className="toolbar">
            <h3>Kế hoạch hiện hành và phương án đề xuất</h3>
            <label>
              <input type="checkbox" checked={onlyChanged} onChange={(event) => setOnlyChanged(event.target.checked)} /> Chỉ hiện điểm thay đổi
            </label>
          </div>
          <table className="grid side-by-side" data-testid="plan-comparison">
            <thead>
              <tr>
                <th rowSpan={2}>Điểm tổ chức</th>
                <th colSpan={2}>Kế hoạch hiện hành</th>
                <th colSpan={2}>Phương án đề xuất</th>
                <th rowSpan={2} className="number">
                  Chi phí
                </th>
              </tr>
              <tr>
                <th>Ngày</th>
                <th>Lãnh đạo</th>
                <th>Ngày</th>
                <th>Lãnh đạo</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.venueId} className={row.changed ? 'changed' : undefined} data-testid="comparison-row" aria-label={row.venueName}>
                  <td>
                    <Link to={`/diem/${row.venueId}`}>{row.venueName}</Link>
                    <small className="block muted">{nameOf(row.provinceCode)}</small>
                    {explained.get(row.venueId)?.map((message) => (
                      <small key={message} className="block field-error">
                        {message}
                      </small>
                    ))}
                  </td>
                  <PlanCell plan={row.current} />
                  <PlanCell plan={row.proposed} />
                  <td className="number">{cost(run.objective?.perVenue[row.venueId]?.total)}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {onlyChanged ? 'Phương án không thay đổi điểm nào.' : 'Không có điểm nào thuộc phạm vi lượt này.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
      {is(run.status, PlanningRunStatus.Proposed) && (
        <div className="buttons">
          {confirming ? (
            <>
              <button type="button" onClick={onAccept} disabled={accepting}>
                {accepting ? 'Đang ghi phương án…' : `Xác nhận chấp nhận (${changedCount} điểm thay đổi)`}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Bỏ qua
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Chấp nhận phương án
            </button>
          )}
        </div>
      )}
      {is(run.status, PlanningRunStatus.Accepted) && (
        <div className="ok" role="status" data-testid="accepted-note">
          Đã chấp nhận lúc {formatInstant(run.acceptedAt)}: phân công và ngày tổ chức đã được ghi vào kế hoạch.
        </div>
      )}
      <FormError error={acceptError} />
    </section>
  );
}
