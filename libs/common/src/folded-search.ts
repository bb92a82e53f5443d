/**
 * Search insensitive to diacritics and case, one way everywhere (issue 18). The database function
 * `search_fold(text)` (migration FoldedSearch) folds "Lai Châu", "LAI CHÂU" and "lai chau" to
 * "lai chau" (đ/Đ → d); each library matches its own columns with
 * `search_fold(<the indexed expression>) LIKE search_fold(:pattern)`, where the pattern comes from
 * here: the typed words, their LIKE wildcards escaped, inside `%…%`. Folding the pattern in SQL too
 * keeps both sides folded by the same code.
 */
export function foldedSearchPattern(query: string): string {
  const words = query.trim().replace(/\s+/g, ' ');
  return `%${words.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The condition, for an expression the owning library indexed; `:param` is the pattern's name. */
export function foldedMatch(expression: string, param: string): string {
  return `search_fold(${expression}) LIKE search_fold(:${param})`;
}
