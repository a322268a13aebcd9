import { describe, expect, it } from 'vitest';
import { expiredLogs, LOG_RETENTION_MS, nextExpiry, unclocked, type RetainedLog } from './retention.ts';

const NOW = 1_000_000_000;
const log = (tabId: number, detachedAt: number | null, preserveLog = false): RetainedLog => ({ tabId, meta: { detachedAt, preserveLog } });

describe('log retention', () => {
  const cases: { name: string; log: RetainedLog; inspected?: boolean; expired: boolean; next: number | null; unclocked: boolean }[] = [
    { name: 'a panel is connected', log: log(1, null), inspected: true, expired: false, next: null, unclocked: false },
    { name: 'no clock after a wake, no panel', log: log(1, null), expired: false, next: null, unclocked: true },
    { name: 'closed just now', log: log(1, NOW), expired: false, next: NOW + LOG_RETENTION_MS, unclocked: false },
    { name: 'closed one ms short of the retention', log: log(1, NOW - LOG_RETENTION_MS + 1), expired: false, next: NOW + 1, unclocked: false },
    { name: 'closed exactly the retention ago', log: log(1, NOW - LOG_RETENTION_MS), expired: true, next: NOW, unclocked: false },
    { name: 'closed long ago, Preserve log on', log: log(1, NOW - 10 * LOG_RETENTION_MS, true), expired: false, next: null, unclocked: false },
    { name: 'a stale clock while a panel is connected', log: log(1, NOW - 10 * LOG_RETENTION_MS), inspected: true, expired: false, next: null, unclocked: false },
  ];
  it.each(cases)('$name', (c) => {
    const inspected = () => c.inspected ?? false;
    expect(expiredLogs([c.log], inspected, NOW)).toEqual(c.expired ? [1] : []);
    expect(nextExpiry([c.log], inspected)).toBe(c.next);
    expect(unclocked([c.log], inspected)).toEqual(c.unclocked ? [1] : []);
  });

  it('the next expiry is the earliest of several logs', () => {
    expect(nextExpiry([log(1, NOW), log(2, NOW - 5), log(3, null)], () => false)).toBe(NOW - 5 + LOG_RETENTION_MS);
  });
});
