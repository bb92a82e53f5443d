/** A paginated list's page and filters kept in the address (?page=…&q=…), so a reload or a shared link shows the same rows. */
import { useSearchParams } from 'react-router-dom';
import { wholeText } from '../input';

export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1');
  /** Sets (or, when empty, removes) query parameters; a change of filter goes back to the first page. */
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  return { params, page, update };
}

/** Previous/next page buttons with where the reader is; `noun` names what is counted ("mục", "lãnh đạo"). */
export function Pager({
  page,
  pageSize,
  total,
  noun,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  noun: string;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ Trang trước
      </button>
      <span>
        Trang {page} / {pages} · {wholeText(total)} {noun}
      </span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Trang sau ›
      </button>
    </div>
  );
}
