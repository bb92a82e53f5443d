import { TOKEN_PATTERN } from '../links';
import { delegateKey, feedExpiry, newFeedToken } from './feed-rules';

describe('feed rules', () => {
  it('makes 256-bit random tokens in the shape links accept, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, newFeedToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('ends a feed at midnight (Asia/Ho_Chi_Minh) after the edition’s last day plus the grace', () => {
    expect(feedExpiry('2027-08-19', 0).toISOString()).toBe('2027-08-19T17:00:00.000Z');
    expect(feedExpiry('2027-08-19', 30).toISOString()).toBe('2027-09-18T17:00:00.000Z');
  });

  it('knows a named delegate by their name whatever its spacing or case', () => {
    expect(delegateKey('  Nguyễn  Văn   ÁNH ')).toBe('nguyễn văn ánh');
  });
});
