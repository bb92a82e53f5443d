import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { client, data } from '../api/client';
import { ErrorPanel, Loading } from '../components/errors';
import { Pager, useListParams } from '../components/ListParams';
import { formatInstant } from '../input';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS } from '@shared/common/src/audit-action.enums';
import { codeIn } from '../codes';
import { ENTITY_TYPE_NAMES } from '../labels';
import { auditFieldName, auditValue, shownField } from '../audit-values';
import { useProvinces } from '../session';
import { asRecord } from '../api/errors';

const PAGE_SIZE = 50;

/** The append-only audit log, newest first, filtered by what changed and how (planners only). */
export function AuditPage() {
  const { params, page, update } = useListParams();
  const { nameOf } = useProvinces();
  const filters = { entityType: params.get('entityType') ?? '', entityId: params.get('entityId') ?? '', action: params.get('action') ?? '' };
  const entries = useQuery({
    queryKey: ['audit', page, filters],
    queryFn: () =>
      data(
        client.GET('/api/audit', {
          params: {
            query: {
              entityType: filters.entityType || undefined,
              entityId: filters.entityId || undefined,
              action: codeIn(AUDIT_ACTIONS, filters.action),
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
  });
  return (
    <div className="audit">
      <section className="panel">
        <h1>Nhật ký thay đổi</h1>
        <div className="toolbar">
          <label>
            Đối tượng{' '}
            <select value={filters.entityType} onChange={(event) => update({ entityType: event.target.value, entityId: '' })}>
              <option value="">Tất cả</option>
              {Object.entries(ENTITY_TYPE_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Thao tác{' '}
            <select value={filters.action} onChange={(event) => update({ action: event.target.value })}>
              <option value="">Tất cả</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {AUDIT_ACTION_NAMES[action]}
                </option>
              ))}
            </select>
          </label>
          {filters.entityId && (
            <span>
              Chỉ một đối tượng ·{' '}
              <button type="button" className="link" onClick={() => update({ entityId: '' })}>
                bỏ lọc
              </button>
            </span>
          )}
        </div>
      </section>
      <section className="panel">
        {entries.error ? (
          <ErrorPanel error={entries.error} />
        ) : !entries.data ? (
          <Loading what="nhật ký" />
        ) : (
          <>
            <table className="grid cards" data-testid="audit-table">
              <thead>
                <tr>
                  <th>Thời điểm</th>
                  <th>Người thực hiện</th>
                  <th>Đối tượng</th>
                  <th>Thao tác</th>
                  <th>Thay đổi</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((entry) => {
                  const context = { entityType: entry.entityType, names: entry.names, provinceName: nameOf };
                  const changes = Object.entries(entry.changes).filter(([field]) => shownField(field));
                  return (
                    <tr key={entry.id}>
                      <td className="nowrap" data-label="Thời điểm">
                        {formatInstant(entry.at)}
                      </td>
                      <td data-label="Người thực hiện">
                        {entry.actorName}
                        {entry.actorId && <small className="block">{entry.actorEmail}</small>}
                      </td>
                      <td data-label="Đối tượng">
                        {ENTITY_TYPE_NAMES[entry.entityType] ?? 'Đối tượng khác'}
                        {entry.subjectName && <small className="block">{entry.subjectName}</small>}
                        {entry.entityType === 'venue' ? (
                          <Link to={`/diem/${entry.entityId}`} aria-label={`Mở ${entry.subjectName ?? 'điểm tổ chức'}`}>
                            mở
                          </Link>
                        ) : null}
                      </td>
                      <td data-label="Thao tác">{AUDIT_ACTION_NAMES[entry.action]}</td>
                      <td className="changes wide-cell" data-label="Thay đổi">
                        {changes
                          .slice(0, 12)
                          .map(([field, value]) => [field, asRecord(value)] as const)
                          .map(([field, change]) => (
                            <div key={field}>
                              <b>{auditFieldName(field)}</b>: {auditValue(field, change?.before, context)} → {auditValue(field, change?.after, context)}
                            </div>
                          ))}
                        {changes.length > 12 && <div className="muted">… và {changes.length - 12} thông tin khác</div>}
                        {entry.note && <div className="muted">Ghi chú: {entry.note}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager page={page} pageSize={PAGE_SIZE} total={entries.data.total} noun="mục" onPage={(next) => update({ page: String(next) })} />
          </>
        )}
      </section>
    </div>
  );
}
