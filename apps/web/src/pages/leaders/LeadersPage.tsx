import { FormEvent, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RANK_TIER_NAMES, RANK_TIER_ORDER, RankTier } from '@shared/leaders/src/rank-tier';
import { client, data } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { Pager, useListParams } from '../../components/ListParams';
import { codeIn } from '../../codes';
import { formatDate, read, whole } from '../../input';
import { useEdition, useProvinces } from '../../session';
import { isWholeLeader } from '../../api/models';
import type { Edition, Leader, LeaderParticipation } from '../../api/models';
import { LeaderFeed } from './LeaderFeed';
import { LeaderForm } from './LeaderForm';
import { useParticipations } from './leader-queries';

const PAGE_SIZE = 20;

/**
 * Party and State leaders (central planners): search, add and edit their records and availability,
 * and choose who takes part in the selected edition, with the title they are invited under that year
 * and how many venues they may attend — the planning board plans with exactly these leaders.
 */
export function LeadersPage() {
  const { edition } = useEdition();
  const { params, page, update } = useListParams();
  const q = params.get('q') ?? '';
  const rankTier = params.get('rankTier') ?? '';
  const [search, setSearch] = useState(q);
  const [editing, setEditing] = useState<string | null>(null);
  const leaders = useQuery({
    queryKey: ['leaders', page, q, rankTier],
    queryFn: () =>
      data(client.GET('/api/leaders', { params: { query: { page, pageSize: PAGE_SIZE, q: q || undefined, rankTier: codeIn(RANK_TIER_ORDER, rankTier) } } })),
    placeholderData: keepPreviousData,
  });
  const participations = useParticipations(edition?.id);

  if (leaders.error) return <ErrorPanel error={leaders.error} />;
  if (!leaders.data || !edition || !participations.data) return <Loading what="danh sách lãnh đạo" />;
  const taking = new Map(participations.data.map((participation) => [participation.leaderId, participation]));

  return (
    <div className="leaders">
      <section className="panel">
        <div className="title-row">
          <h1>Lãnh đạo Đảng, Nhà nước</h1>
          <button type="button" onClick={() => setEditing(editing === 'new' ? null : 'new')}>
            {editing === 'new' ? 'Đóng biểu mẫu' : 'Thêm lãnh đạo'}
          </button>
        </div>
        <p className="muted" data-testid="participation-count">
          {participations.data.length} đồng chí tham gia đợt năm {edition.year}; phương án phân công chỉ chọn trong số này.
        </p>
        {editing === 'new' && (
          <LeaderForm
            onDone={(saved) => {
              // Show the new record wherever it sorts: the list is filtered to its name.
              setEditing(null);
              setSearch(saved.fullName);
              update({ q: saved.fullName });
            }}
          />
        )}
        <form
          className="toolbar"
          role="search"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            update({ q: search.trim() });
          }}
        >
          <label>
            Tìm theo tên, chức vụ, cơ quan <input value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          <button type="submit" className="secondary">
            Tìm
          </button>
          <label>
            Cấp{' '}
            <select value={rankTier} onChange={(event) => update({ rankTier: event.target.value })}>
              <option value="">Tất cả</option>
              {Object.values(RankTier).map((tier) => (
                <option key={tier} value={tier}>
                  {RANK_TIER_NAMES[tier]}
                </option>
              ))}
            </select>
          </label>
        </form>
      </section>
      <section className="panel">
        <table className="grid" data-testid="leaders-table">
          <thead>
            <tr>
              <th>Họ và tên</th>
              <th>Chức vụ, cơ quan</th>
              <th>Cấp</th>
              <th>Thời gian bận</th>
              <th>Tham gia đợt năm {edition.year}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {leaders.data.items.filter(isWholeLeader).map((leader) => (
              <LeaderRow
                key={`${leader.id}-${leader.version}`}
                leader={leader}
                edition={edition}
                participation={taking.get(leader.id)}
                editing={editing === leader.id}
                onEdit={() => setEditing(editing === leader.id ? null : leader.id)}
                onSaved={() => setEditing(null)}
              />
            ))}
            {leaders.data.items.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  Không có lãnh đạo nào phù hợp.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {leaders.data.total > PAGE_SIZE && (
          <Pager page={page} pageSize={PAGE_SIZE} total={leaders.data.total} noun="lãnh đạo" onPage={(next) => update({ page: String(next) })} />
        )}
      </section>
    </div>
  );
}

interface RowProps {
  leader: Leader;
  edition: Edition;
  participation: LeaderParticipation | undefined;
  editing: boolean;
  onEdit: () => void;
  onSaved: () => void;
}

function LeaderRow({ leader, edition, participation, editing, onEdit, onSaved }: RowProps) {
  const { nameOf } = useProvinces();
  return (
    <>
      <tr data-testid="leader-row" aria-label={leader.fullName}>
        <td>
          <strong>{leader.fullName}</strong>
          {leader.homeProvinceCode && <small className="block muted">Quê quán: {nameOf(leader.homeProvinceCode)}</small>}
          {leader.baseProvinceCode && <small className="block muted">Công tác tại: {nameOf(leader.baseProvinceCode)}</small>}
        </td>
        <td>
          {leader.position}
          <small className="block muted">
            {leader.organisation} · {leader.officeEmail}
          </small>
        </td>
        <td>{RANK_TIER_NAMES[leader.rankTier]}</td>
        <td>
          {leader.unavailability.length === 0 ? (
            <span className="muted">—</span>
          ) : (
            leader.unavailability.map((range) => (
              <small className="block" key={range.startDate}>
                {formatDate(range.startDate)}–{formatDate(range.endDate)}
                {range.reason ? ` (${range.reason})` : ''}
              </small>
            ))
          )}
        </td>
        <td>
          <ParticipationCell leader={leader} edition={edition} participation={participation} />
        </td>
        <td>
          <button type="button" className="link" onClick={onEdit}>
            {editing ? 'Đóng' : 'Sửa'}
          </button>
        </td>
      </tr>
      {editing && (
        <tr className="row-form">
          <td colSpan={6}>
            <LeaderForm leader={leader} onDone={onSaved} />
            <LeaderFeed leader={leader} edition={edition} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Whether the leader takes part in the edition: add them with this year's title, change it, or take them out. */
function ParticipationCell({ leader, edition, participation }: { leader: Leader; edition: Edition; participation: LeaderParticipation | undefined }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(participation?.title ?? leader.position);
  const [maxAppearances, setMaxAppearances] = useState(String(participation?.maxAppearances ?? 1));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['participations'] });
  };
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/editions/{editionId}/leaders/{leaderId}', {
          params: { path: { editionId: edition.id, leaderId: leader.id } },
          body: read({ title: title.trim(), maxAppearances: whole(maxAppearances, { required: true }), version: participation?.version }),
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (version: number) =>
      data(
        client.DELETE('/api/editions/{editionId}/leaders/{leaderId}', { params: { path: { editionId: edition.id, leaderId: leader.id }, query: { version } } }),
      ),
    onSuccess: refresh,
  });

  if (open) {
    return (
      <form
        className="participation-form"
        noValidate
        aria-label={`Tham gia đợt: ${leader.fullName}`}
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <label>
          Chức danh khi mời
          <input value={title} onChange={(event) => setTitle(event.target.value)} />
          <FieldError error={save.error} field="title" />
        </label>
        <label>
          Số điểm tối đa
          <input inputMode="numeric" value={maxAppearances} onChange={(event) => setMaxAppearances(event.target.value)} />
          <FieldError error={save.error} field="maxAppearances" />
        </label>
        <FormError error={save.error} fields={['title', 'maxAppearances']} />
        <div className="buttons">
          <button type="submit" disabled={save.isPending}>
            Lưu
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            Bỏ qua
          </button>
        </div>
      </form>
    );
  }
  return (
    <div data-testid="participation">
      {participation ? (
        <>
          <span className="tag participating">Tham gia</span> {participation.title}
          <small className="block muted">Tối đa {participation.maxAppearances} điểm</small>
          <button type="button" className="link" onClick={() => setOpen(true)}>
            Sửa
          </button>{' '}
          <ConfirmButton
            question={`Đưa đồng chí ${leader.fullName} ra khỏi đợt năm ${edition.year}?`}
            detail="Đồng chí sẽ không còn được phân công dự các điểm của đợt này."
            disabled={remove.isPending}
            onConfirm={() => remove.mutate(participation.version)}
          >
            Đưa ra khỏi đợt
          </ConfirmButton>
        </>
      ) : (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Mời tham gia đợt
        </button>
      )}
      <FormError error={remove.error} />
    </div>
  );
}
