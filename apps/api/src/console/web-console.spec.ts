import { tileImageSources } from './web-console';

describe('tileImageSources', () => {
  it('allows the tile host, widening a {s} subdomain to a wildcard', () => {
    expect(tileImageSources('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual(['https://tile.openstreetmap.org']);
    expect(tileImageSources('https://{s}.tile.example.vn/{z}/{x}/{y}.png')).toEqual(['https://*.tile.example.vn']);
    expect(tileImageSources('http://127.0.0.1:9/{z}/{x}/{y}.png')).toEqual(['http://127.0.0.1:9']);
  });
});
