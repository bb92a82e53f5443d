import { useEffect, useMemo, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { VENUE_TIER_NAMES } from '@shared/venues/src/venue.enums';
import { client, data } from '../../api/client';
import { ErrorPanel, Loading } from '../../components/errors';
import { formatInstant } from '../../input';
import { useEdition } from '../../session';
import { useAllLeaders, useParticipations } from '../leaders/leader-queries';
import { venuesChanged } from '../../queries';
import { PENDING_PLANNING_RUN_STATUSES, PLANNING_RUN_STATUS_NAMES } from '@shared/planning/src/planning-run.enums';
import { isOneOf } from '../../codes';
import { PLANNING_MODE_NAMES } from './labels';
import { Participant, PlanningDraft, PlanningRunForm, requestOf } from './PlanningRunForm';
import { PlanningRunResult } from './PlanningRunResult';

/** How often a run the worker is solving is asked for its progress. */
const POLL_MS = 1000;

/** The leaders taking part in the edition, by name: the only ones the solver plans with. */
function useParticipants(editionId: string | undefined): { data?: Participant[]; error: unknown } {
  const leaders = useAllLeaders();
  const participations = useParticipations(editionId);
  const data = useMemo(() => {
    if (!leaders.data || !participations.data) return undefined;
    const byId = new Map(leaders.data.map((leader) => [leader.id, leader]));
    return participations.data
      .filter((participation) => byId.has(participation.leaderId))
      .map((participation) => ({ ...byId.get(participation.leaderId)!, title: participation.title }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }, [leaders.data, participations.data]);
  return { data, error: leaders.error ?? participations.error };
}

/**
 * The planning board (central planners): run the solver with weights, pins and bans, follow a queued
 * run's progress (or cancel it), compare the proposal with the plan in force and accept it. The run shown is in the
 * address (?luot=…), so a planner can come back to a queued run or share it.
 */
export function PlanningBoardPage() {
  const { edition } = useEdition();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const runId = params.get('luot');
  const participants = useParticipants(edition?.id);
  const runs = useQuery({
    queryKey: ['planning-runs', edition?.id],
    queryFn: () => data(client.GET('/api/editions/{editionId}/planning-runs', { params: { path: { editionId: edition!.id }, query: { pageSize: 10 } } })),
    enabled: !!edition,
  });
  const run = useQuery({
    queryKey: ['planning-run', runId],
    queryFn: () => data(client.GET('/api/editions/{editionId}/planning-runs/{runId}', { params: { path: { editionId: edition!.id, runId: runId! } } })),
    enabled: !!edition && !!runId,
    refetchInterval: (query) => (query.state.data && isOneOf(query.state.data.status, PENDING_PLANNING_RUN_STATUSES) ? POLL_MS : false),
  });
  const show = (id: string) => setParams({ luot: id });
  const propose = useMutation({
    mutationFn: (draft: PlanningDraft) =>
      data(client.POST('/api/editions/{editionId}/planning-runs', { params: { path: { editionId: edition!.id } }, body: requestOf(draft) })),
    onSuccess: (created) => {
      queryClient.setQueryData(['planning-run', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['planning-runs'] });
      show(created.id);
    },
  });
  const accept = useMutation({
    mutationFn: (runId: string) =>
      data(client.POST('/api/editions/{editionId}/planning-runs/{runId}/accept', { params: { path: { editionId: edition!.id, runId } } })),
    onSuccess: (accepted) => {
      queryClient.setQueryData(['planning-run', accepted.id], accepted);
      // Accepting writes assignments and venue dates (and withdraws replaced leaders' invitations).
      venuesChanged(queryClient);
    },
  });
  const cancel = useMutation({
    mutationFn: (runId: string) =>
      data(client.POST('/api/editions/{editionId}/planning-runs/{runId}/cancel', { params: { path: { editionId: edition!.id, runId } } })),
    onSuccess: (cancelled) => {
      queryClient.setQueryData(['planning-run', cancelled.id], cancelled);
      void queryClient.invalidateQueries({ queryKey: ['planning-runs'] });
    },
  });
  // A run the worker finishes changes the list's figures: refresh it on that change only.
  const status = run.data?.status;
  const previous = useRef(status);
  useEffect(() => {
    const waiting = (value: typeof status) => value !== undefined && isOneOf(value, PENDING_PLANNING_RUN_STATUSES);
    if (waiting(previous.current) && status && !waiting(status)) void queryClient.invalidateQueries({ queryKey: ['planning-runs'] });
    previous.current = status;
  }, [status, queryClient]);

  if (!edition) return <Loading what="đợt tổ chức" />;
  if (participants.error) return <ErrorPanel error={participants.error} />;
  if (!participants.data) return <Loading what="lãnh đạo tham gia" />;

  return (
    <div className="planning-board">
      <section className="panel">
        <h1>Lập kế hoạch phân công lãnh đạo — đợt năm {edition.year}</h1>
        <p className="muted">{participants.data.length} đồng chí lãnh đạo tham gia đợt này. Phương án chỉ được ghi vào kế hoạch khi được chấp nhận.</p>
        <PlanningRunForm
          editionId={edition.id}
          participants={participants.data}
          pending={propose.isPending}
          error={propose.error}
          editionWindow={edition}
          onRun={(draft) => {
            accept.reset();
            cancel.reset();
            propose.mutate(draft);
          }}
        />
      </section>
      {runId && run.error && <ErrorPanel error={run.error} />}
      {run.data && (
        <PlanningRunResult
          run={run.data}
          accepting={accept.isPending}
          acceptError={accept.error}
          onAccept={() => accept.mutate(run.data.id)}
          cancelling={cancel.isPending}
          cancelError={cancel.error}
          onCancel={() => cancel.mutate(run.data.id)}
        />
      )}
      <section className="panel">
        <h2>Các lượt lập kế hoạch gần đây</h2>
        {runs.data && runs.data.items.length === 0 && <p className="muted">Chưa có lượt nào.</p>}
        {runs.data && runs.data.items.length > 0 && (
          <table className="grid" data-testid="planning-runs">
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Phạm vi</th>
                <th>Cách lập</th>
                <th>Trạng thái</th>
                <th>Kết quả</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((item) => (
                <tr key={item.id} className={item.id === runId ? 'selected' : undefined}>
                  <td className="nowrap">{formatInstant(item.createdAt)}</td>
                  <td>{VENUE_TIER_NAMES[item.venueTier]}</td>
                  <td>{item.mode ? PLANNING_MODE_NAMES[item.mode] : '—'}</td>
                  <td>{PLANNING_RUN_STATUS_NAMES[item.status]}</td>
                  <td>{item.summary ?? item.failure ?? (item.progress.total ? `${item.progress.done}/${item.progress.total}` : '—')}</td>
                  <td>
                    <button type="button" className="link" onClick={() => show(item.id)} disabled={item.id === runId}>
                      Xem
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {runs.data && runs.data.total > runs.data.items.length && (
          <p className="muted">
            Hiện {runs.data.items.length} lượt mới nhất trên tổng số {runs.data.total}.
          </p>
        )}
      </section>
    </div>
  );
}
