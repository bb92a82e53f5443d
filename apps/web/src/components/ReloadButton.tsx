import { ApiError } from '../api/errors';

/** A refusal because someone else saved the same thing first (409 VERSION_CONFLICT). */
export const isStale = (error: unknown) => error instanceof ApiError && error.code === 'VERSION_CONFLICT';

/** A stale version (409): the refusal says someone changed it; this fetches the latest and starts again from it. */
export function ReloadButton({ error, onReload, busy }: { error: unknown; onReload: () => void; busy: boolean }) {
  if (!isStale(error)) return null;
  return (
    <button type="button" className="secondary" onClick={onReload} disabled={busy}>
      {busy ? 'Đang tải lại…' : 'Tải lại dữ liệu mới nhất'}
    </button>
  );
}
