import { describe, expect, it } from 'vitest';
import { allowedGet, blockedPreflightHeader, cachedPreflightPut, redirectedGet, sameOrigin } from '../testing/fixtures.ts';
import { summarize } from './summary.ts';

describe('summarize', () => {
  it('says why a preflight failed in a few words', () => {
    const row = summarize(blockedPreflightHeader());
    expect(row).toMatchObject({
      status: 'blocked',
      method: 'PUT',
      targetOrigin: 'http://127.0.0.1:3000',
      path: '/api/items/42',
      initiatorOrigin: 'http://localhost:8000',
      verdictText: 'Preflight: Allow-Headers lacks content-type',
      badges: ['preflight'],
    });
  });
  it('badges a cached preflight, credentials and redirects', () => {
    expect(summarize(cachedPreflightPut()).badges).toEqual(['preflight-cached', 'credentials']);
    expect(summarize(redirectedGet()).badges).toEqual(['redirect', 'credentials']);
    expect(summarize(redirectedGet()).verdictText).toBe('Access-Control-Allow-Origin * with credentials');
  });
  it('names allowed, same-origin and pending exchanges', () => {
    expect(summarize(allowedGet()).verdictText).toBe('Allowed');
    expect(summarize(cachedPreflightPut()).verdictText).toBe('Allowed (preflight cached, 600 s left)');
    expect(summarize(sameOrigin()).verdictText).toBe('Same-origin');
    expect(summarize({ ...allowedGet(), pending: true })).toMatchObject({ status: 'pending', verdictText: 'Pending…' });
  });
});
