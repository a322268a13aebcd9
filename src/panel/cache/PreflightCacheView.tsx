import { useMemo } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { useNow } from '../common/use-now.ts';
import { select } from '../state/actions.ts';
import { cacheEntries, CHROMIUM_MAX_AGE_CAP, FIREFOX_MAX_AGE_CAP } from '../state/preflight-cache.ts';
import { shownLog, type RecordLog } from '../state/store.ts';
import { formatDuration } from '../state/timing.ts';
import { Countdown } from './Countdown.tsx';
import '../list/Badges.css';
import './PreflightCacheView.css';

/** "PUT, 0.3 s after" for a request an entry served. */
function servedLabel(log: RecordLog, id: string, cachedAt: number | null): string {
  const at = log.index.get(id);
  const leg = at === undefined ? undefined : log.records[at]?.exchange.legs[0];
  if (!leg) return id;
  const startedAt = leg.request.startedAt;
  return cachedAt === null || startedAt === undefined ? leg.request.method : `${leg.request.method}, ${formatDuration(Math.max(0, startedAt - cachedAt))} after`;
}

/** Every preflight cached for this tab: allow-lists, Max-Age, each browser's lifetime, countdowns, what it served. */
export function PreflightCacheView() {
  const { store, derived } = usePanel();
  const log = usePanelState((s) => shownLog(s));
  const entries = useMemo(() => cacheEntries(log.records.map(derived.evaluated)), [log, derived]);
  const now = useNow();
  if (entries.length === 0) {
    return (
      <div class="empty-inline" data-testid="cache-view">
        <p>No preflights cached yet.</p>
        <p class="muted">
          A successful preflight is cached for its <code>Access-Control-Max-Age</code> (5 s when absent; Chrome caps it at {CHROMIUM_MAX_AGE_CAP} s,
          Firefox at {FIREFOX_MAX_AGE_CAP} s). Requests that reuse an entry send no OPTIONS.
        </p>
      </div>
    );
  }
  return (
    <div class="cache-view" data-testid="cache-view">
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Methods</th>
            <th scope="col">Headers</th>
            <th scope="col">Max-Age</th>
            <th scope="col">Chrome (≤ {CHROMIUM_MAX_AGE_CAP} s)</th>
            <th scope="col">Firefox (≤ {FIREFOX_MAX_AGE_CAP} s)</th>
            <th scope="col">Served later</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            <tr key={`${entry.id}-${i}`} data-testid="cache-entry">
              <td class="url">
                <button type="button" class="link-button" onClick={() => select(store, entry.id)} title="Select the exchange that created this entry">
                  {entry.url}
                </button>
                {entry.credentials && <span class="badge badge-credentials">credentials</span>}
                {entry.origin && <div class="muted">for {entry.origin}</div>}
              </td>
              <td>{entry.methods.length > 0 ? entry.methods.join(', ') : <span class="muted">(none)</span>}</td>
              <td>{entry.headers.length > 0 ? entry.headers.join(', ') : <span class="muted">(none)</span>}</td>
              <td>{entry.maxAge ?? <span class="muted">(absent → 5 s)</span>}</td>
              <td>
                <Countdown entry={entry} lifetime={entry.chromiumSeconds} now={now} />
              </td>
              <td>
                <Countdown entry={entry} lifetime={entry.firefoxSeconds} now={now} />
              </td>
              <td>
                {entry.served.length === 0 ? (
                  <span class="muted">none yet</span>
                ) : (
                  entry.served.map((id) => (
                    <button key={id} type="button" class="link-button served" onClick={() => select(store, id)} title="Select this exchange">
                      {servedLabel(log, id, entry.cachedAt)}
                    </button>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">Cache hits are inferred: a request that needed a preflight went out without one while an entry was live.</p>
    </div>
  );
}
