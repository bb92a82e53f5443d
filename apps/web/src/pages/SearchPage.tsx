import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { INVITATION_STATUS_NAMES } from '@shared/invitations/src/invitation.enums';
import { TASK_STATUS_NAMES } from '@shared/logistics/src/tasks/task.enums';
import { client, data } from '../api/client';
import { ErrorPanel, Loading } from '../components/errors';
import { Pager, useListParams } from '../components/ListParams';
import { SearchBox } from '../components/SearchBox';
import { formatDate, wholeText } from '../input';
import { venueStatusName } from '../labels';
import { isPlanner, useEdition, useProvinces, useUser } from '../session';

const PAGE_SIZE = 10;
type Kind = 'venue' | 'leader' | 'task' | 'invitation';
const KINDS: Record<Kind, string> = { venue: 'điểm tổ chức', leader: 'lãnh đạo', task: 'công việc', invitation: 'lời mời' };

/**
 * The one search box (issue 18): the header's box lands here with `?q=`. The API searches venues,
 * tasks, leaders and invitations — whatever the diacritics and case — and answers only what the reader
 * may see; each kind pages on its own (`?loai=` and `?page=` page one kind).
 */
export function SearchPage() {
  const { params, page, update } = useListParams();
  const q = params.get('q')?.trim() ?? '';
  const only = (Object.keys(KINDS) as Kind[]).find((kind) => kind === params.get('loai'));
  const { edition } = useEdition();
  const { nameOf } = useProvinces();
  const planner = isPlanner(useUser());
  const results = useQuery({
    queryKey: ['search', edition?.id, q, only, page],
    queryFn: () =>
      data(client.GET('/api/search', { params: { query: { editionId: edition!.id, q, kind: only, page: only ? page : 1, pageSize: PAGE_SIZE } } })),
    enabled: !!edition && q.length >= 2,
  });
  const pager = (kind: Kind, total: number, pageNumber: number) =>
    only === kind ? (
      <Pager page={pageNumber} pageSize={PAGE_SIZE} total={total} noun={KINDS[kind]} onPage={(next) => update({ page: String(next) })} />
    ) : total > PAGE_SIZE ? (
      <button type="button" className="link" onClick={() => update({ loai: kind })}>
        Xem tất cả {wholeText(total)} {KINDS[kind]}
      </button>
    ) : null;

  return (
    <section className="panel search-page">
      <h1>Tìm kiếm</h1>
      <SearchBox key={q} initial={q} />
      {only && (
        <p>
          Chỉ hiện {KINDS[only]}.{' '}
          <button type="button" className="link" onClick={() => update({ loai: '' })}>
            Hiện mọi loại
          </button>
        </p>
      )}
      {q.length < 2 && <p>Gõ ít nhất 2 ký tự; có dấu hay không dấu, chữ hoa hay thường đều được (ví dụ: “lai chau”).</p>}
      {results.isLoading && <Loading what="kết quả tìm kiếm" />}
      {results.error && <ErrorPanel error={results.error} />}
      {results.data && (
        <div className="search-results" data-testid="search-results">
          {results.data.venues && (
            <section aria-labelledby="search-venues">
              <h2 id="search-venues">Điểm tổ chức ({wholeText(results.data.venues.total)})</h2>
              {results.data.venues.items.length === 0 && <p>Không có điểm tổ chức nào khớp.</p>}
              <ul data-testid="search-venues">
                {results.data.venues.items.map((venue) => (
                  <li key={venue.id}>
                    <Link to={`/diem/${venue.id}`}>{venue.name}</Link> — {venue.communeName}, {nameOf(venue.provinceCode)} · {venueStatusName(venue.status)}
                    {venue.scheduledDate ? ` · ${formatDate(venue.scheduledDate)}` : ''}
                  </li>
                ))}
              </ul>
              {pager('venue', results.data.venues.total, results.data.venues.page)}
            </section>
          )}
          {results.data.tasks && (
            <section aria-labelledby="search-tasks">
              <h2 id="search-tasks">Công việc ({wholeText(results.data.tasks.total)})</h2>
              {results.data.tasks.items.length === 0 && <p>Không có công việc nào khớp.</p>}
              <ul data-testid="search-tasks">
                {results.data.tasks.items.map((task) => (
                  <li key={task.id}>
                    <Link to={`/diem/${task.venueId}`}>{task.title}</Link> — {task.venueName} ({nameOf(task.provinceCode)}) · {TASK_STATUS_NAMES[task.status]}
                    {task.dueDate ? ` · hạn ${formatDate(task.dueDate)}` : ''}
                  </li>
                ))}
              </ul>
              {pager('task', results.data.tasks.total, results.data.tasks.page)}
            </section>
          )}
          {results.data.leaders && (
            <section aria-labelledby="search-leaders">
              <h2 id="search-leaders">Lãnh đạo ({wholeText(results.data.leaders.total)})</h2>
              {results.data.leaders.items.length === 0 && <p>Không có lãnh đạo nào khớp.</p>}
              <ul data-testid="search-leaders">
                {results.data.leaders.items.map((leader) => (
                  <li key={leader.id}>
                    {planner ? <Link to={`/lanh-dao?q=${encodeURIComponent(leader.fullName)}`}>{leader.fullName}</Link> : leader.fullName} — {leader.position}
                  </li>
                ))}
              </ul>
              {pager('leader', results.data.leaders.total, results.data.leaders.page)}
            </section>
          )}
          {results.data.invitations && (
            <section aria-labelledby="search-invitations">
              <h2 id="search-invitations">Lời mời ({wholeText(results.data.invitations.total)})</h2>
              {results.data.invitations.items.length === 0 && <p>Không có lời mời nào khớp.</p>}
              <ul data-testid="search-invitations">
                {results.data.invitations.items.map((invitation) => (
                  <li key={invitation.id}>
                    <Link to={`/diem/${invitation.venueId}`}>{invitation.delegateName}</Link>
                    {invitation.delegateTitle ? ` — ${invitation.delegateTitle}` : ''} · {INVITATION_STATUS_NAMES[invitation.status]}
                  </li>
                ))}
              </ul>
              {pager('invitation', results.data.invitations.total, results.data.invitations.page)}
            </section>
          )}
        </div>
      )}
    </section>
  );
}
