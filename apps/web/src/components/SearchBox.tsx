import { useState } from 'react';
import { useNavigate } from 'react-router-dom';

/** The search box (in the header and atop the results): submits to /tim-kiem?q=… */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  const navigate = useNavigate();
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        const words = text.trim();
        if (words) void navigate(`/tim-kiem?q=${encodeURIComponent(words)}`);
      }}
    >
      <input
        type="search"
        aria-label="Tìm điểm tổ chức, công việc, lãnh đạo, lời mời"
        placeholder="Tìm kiếm…"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit">Tìm kiếm</button>
    </form>
  );
}
