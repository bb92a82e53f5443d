import { foldedMatch, foldedSearchPattern } from './folded-search';

describe('folded search pattern', () => {
  it('wraps the words in wildcards and squeezes spaces', () => {
    expect(foldedSearchPattern('  lai   chau ')).toBe('%lai chau%');
  });

  it('escapes LIKE wildcards the user typed', () => {
    expect(foldedSearchPattern('50%_x\\')).toBe('%50\\%\\_x\\\\%');
  });

  it('matches the indexed expression against the folded pattern', () => {
    expect(foldedMatch('venue.name', 'q')).toBe('search_fold(venue.name) LIKE search_fold(:q)');
  });
});
