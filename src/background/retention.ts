/**
 * How long a tab's log outlives its panels. Like DevTools, which drops a tab's network log when
 * DevTools closes, the worker forgets a log (with its cookies and tokens, in storage.session) once
 * no panel has been connected for the tab for `LOG_RETENTION_MS` — long enough to close and reopen
 * DevTools without losing it — unless Preserve log is on (then it lives until the tab closes).
 *
 * The clock is a timestamp in the tab's persisted meta (`detachedAt`), so it survives the worker
 * being stopped; the worker checks it when it wakes and when an alarm or timer fires. Pure.
 */
import type { TabLogState } from './store.ts';

export const LOG_RETENTION_MS = 5 * 60_000;

export interface RetainedLog {
  readonly tabId: number;
  readonly meta: Pick<TabLogState, 'preserveLog' | 'detachedAt'>;
}

/** Whether the log can expire at all: no panel is connected and Preserve log is off. */
function expires(log: RetainedLog, inspected: (tabId: number) => boolean): log is RetainedLog & { meta: { detachedAt: number } } {
  return log.meta.detachedAt !== null && !log.meta.preserveLog && !inspected(log.tabId);
}

/** The tabs whose logs are due to be dropped at `now`. */
export function expiredLogs(logs: Iterable<RetainedLog>, inspected: (tabId: number) => boolean, now: number): number[] {
  const due: number[] = [];
  for (const log of logs) if (expires(log, inspected) && now - log.meta.detachedAt >= LOG_RETENTION_MS) due.push(log.tabId);
  return due;
}

/** When the next log expires (ms since the epoch), or null when none can. */
export function nextExpiry(logs: Iterable<RetainedLog>, inspected: (tabId: number) => boolean): number | null {
  let next: number | null = null;
  for (const log of logs) {
    if (!expires(log, inspected)) continue;
    const at = log.meta.detachedAt + LOG_RETENTION_MS;
    if (next === null || at < next) next = at;
  }
  return next;
}

/**
 * Logs restored on wake with no clock running had a panel when the worker stopped; their ports
 * died with it. If no panel reconnects, their clock starts now.
 */
export function unclocked(logs: Iterable<RetainedLog>, inspected: (tabId: number) => boolean): number[] {
  const out: number[] = [];
  for (const log of logs) if (log.meta.detachedAt === null && !inspected(log.tabId)) out.push(log.tabId);
  return out;
}
