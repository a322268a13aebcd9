import { describe, expect, it } from 'vitest';
import { blockedPreflightHeader, cachedPreflightPut, sourcePut } from '../testing/fixtures.ts';
import { cacheEntries, remainingSeconds } from './preflight-cache.ts';

describe('cacheEntries', () => {
  it('lists successful preflights with allow-lists and the later requests they served', () => {
    const entries = cacheEntries([sourcePut(), blockedPreflightHeader(2), cachedPreflightPut(3)]);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ id: 'ex-source', methods: ['PUT'], maxAge: '600', chromiumSeconds: 600, firefoxSeconds: 600, served: ['ex-cached'] });
    expect(remainingSeconds(entry!, 600, entry!.cachedAt! + 100_500)).toBe(500);
    expect(remainingSeconds(entry!, 600, entry!.cachedAt! + 700_000)).toBe(0);
  });
});
