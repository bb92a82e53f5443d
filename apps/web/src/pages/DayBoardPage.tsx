import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { DAY_STATE_NAMES, DAY_STATES, type DayState } from '@shared/day-board/src/day-state.enums';
import { client, data } from '../api/client';
import { openLiveStream } from '../api/live-stream';
import type { DayBoard, DayBoardEntry } from '../api/models';
import { ErrorPanel, Loading } from '../components/errors';
import { type MapBounds, type MapMarker, VenueMap } from '../components/VenueMap';
import { formatInstant } from '../input';
import { useEdition } from '../session';

const COLOURS: Record<DayState, string> = {
  not_started: '#9ca3af',
  leader_arrived: '#2563eb',
  started: '#16a34a',
  finished: '#1f2937',
  incident: '#dc2626',
};

/**
 * The festival day's live board (issue 20): every point's state on the map and in a list, with counts
 * per state — the country for planners, their province for organizers. It follows the board's stream:
 * a changed point is redrawn as it comes, and the whole board reloads whenever the stream (re)opens.
 */
export function DayBoardPage() {
  const { edition } = useEdition();
  const [live, setLive] = useState(false);
  const board = useQuery({
    queryKey: ['day-board', edition?.id],
    queryFn: () => data(client.GET('/api/editions/{editionId}/day-board', { params: { path: { editionId: edition!.id }, query: {} } })),
    enabled: !!edition,
  });
  useBoardStream(edition?.id, setLive);
  const navigate = useNavigate();
  // The board holds the points of the day (a few dozen central ones, or a province's): one marker each.
  const markers = useMemo<MapMarker[]>(
    () =>
      (board.data?.entries ?? []).map((entry) => ({
        key: entry.venueId,
        venueId: entry.venueId,
        latitude: entry.latitude,
        longitude: entry.longitude,
        colour: COLOURS[entry.state],
        label: `${entry.name} — ${entry.stateName}`,
        count: 1,
      })),
    [board.data],
  );
  // Fitted once per set of points, not on every live change of a point's state.
  const positions = markers.map((marker) => `${marker.latitude},${marker.longitude}`).join(';');
  const fitTo = useMemo<MapBounds | null>(() => {
    if (!positions) return null;
    const pairs = positions.split(';').map((pair) => pair.split(',').map(Number));
    const latitudes = pairs.map(([latitude]) => latitude);
    const longitudes = pairs.map(([, longitude]) => longitude);
    return { south: Math.min(...latitudes), north: Math.max(...latitudes), west: Math.min(...longitudes), east: Math.max(...longitudes) };
  }, [positions]);
  if (!edition) return <Loading what="đợt tổ chức" />;
  if (board.error) return <ErrorPanel error={board.error} />;
  if (!board.data) return <Loading what="bảng theo dõi" />;
  const { counts, entries } = board.data;
  return (
    <div className="day-board-page">
      <section className="panel">
        <h1>Theo dõi trực tiếp Ngày hội {edition.year}</h1>
        <p className="muted small" data-testid="day-board-live">
          {live ? 'Đang cập nhật trực tiếp.' : 'Đang kết nối lại…'}
        </p>
        <ul className="day-board-counts" aria-label="Số điểm theo tình hình">
          {DAY_STATES.map((state) => (
            <li key={state} className={`day-state-badge ${state}`} data-testid={`day-count-${state}`}>
              {DAY_STATE_NAMES[state]}: <strong>{counts[state]}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <VenueMap markers={markers} fitTo={fitTo} onView={() => undefined} onOpen={(id) => navigate(`/diem/${id}`)} />
      </section>
      <section className="panel" aria-labelledby="day-board-list">
        <h2 id="day-board-list">Các điểm tổ chức ({entries.length})</h2>
        <ul className="day-board-list" data-testid="day-board-entries">
          {entries.map((entry) => (
            <BoardLine key={entry.venueId} entry={entry} />
          ))}
          {entries.length === 0 && <li className="muted">Chưa có điểm tổ chức nào được xếp lịch.</li>}
        </ul>
      </section>
    </div>
  );
}

function BoardLine({ entry }: { entry: DayBoardEntry }) {
  return (
    <li data-testid={`day-board-${entry.venueId}`}>
      <div>
        <strong>{entry.name}</strong>
        <div className="muted small">
          {entry.provinceName} · {entry.scheduledDate ? entry.scheduledDate.split('-').reverse().join('/') : '—'}
          {entry.updatedAt && ` · cập nhật ${formatInstant(entry.updatedAt)}`}
        </div>
        {entry.note && <div className="small">Ghi chú: {entry.note}</div>}
      </div>
      <span className={`day-state-badge ${entry.state}`}>{entry.stateName}</span>
    </li>
  );
}

/** The point as it now is, put in the board; the counts follow. */
function withEntry(board: DayBoard, entry: DayBoardEntry): DayBoard {
  const known = board.entries.some((item) => item.venueId === entry.venueId);
  const entries = known ? board.entries.map((item) => (item.venueId === entry.venueId ? entry : item)) : [...board.entries, entry];
  const counts = Object.fromEntries(DAY_STATES.map((state) => [state, 0])) as DayBoard['counts'];
  for (const item of entries) counts[item.state] += 1;
  return { ...board, entries, counts };
}

/** Follows the board's stream while the page is open, opened with a fresh ticket each time (as notifications do). */
function useBoardStream(editionId: string | undefined, setLive: (live: boolean) => void): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!editionId) return;
    const key = ['day-board', editionId];
    return openLiveStream({
      url: (ticket) => `/api/editions/${encodeURIComponent(editionId)}/day-board/stream?${new URLSearchParams({ ticket }).toString()}`,
      events: {
        ready: () => {
          setLive(true);
          void queryClient.invalidateQueries({ queryKey: key });
        },
        'day-state': (event) => {
          const entry = JSON.parse(event.data) as DayBoardEntry;
          queryClient.setQueryData<DayBoard>(key, (board) => (board ? withEntry(board, entry) : board));
        },
      },
      onDown: () => setLive(false),
    });
  }, [editionId, queryClient, setLive]);
}
