import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { exchangeSegments, formatDuration, spanOf } from '../state/timing.ts';
import './TimingTab.css';

/** A waterfall of one exchange: preflight (or "served from cache"), redirects, the request. */
export function TimingTab({ record }: { record: ExchangeRecord }) {
  const segments = exchangeSegments(record.exchange);
  const span = spanOf(segments);
  const total = span ? Math.max(1, span.end - span.start) : 1;
  return (
    <div class="timing-tab" data-testid="timing-tab">
      {!span && <p class="muted">The recorder gave no timestamps for this exchange; the order below is the order of events.</p>}
      <ol class="waterfall">
        {segments.map((s, i) => {
          const left = span && s.start !== null ? ((s.start - span.start) / total) * 100 : 0;
          const width = span && s.start !== null && s.end !== null ? Math.max(0.5, ((s.end - s.start) / total) * 100) : 0;
          const duration = s.start !== null && s.end !== null ? formatDuration(s.end - s.start) : s.kind === 'cache-hit' ? 'no request' : '—';
          return (
            <li key={i} class={`waterfall-row seg-${s.kind}${s.failed ? ' failed' : ''}`}>
              <span class="waterfall-label">{s.label}</span>
              <span class="waterfall-track">
                {s.kind === 'cache-hit' ? (
                  <span class="waterfall-marker" style={{ left: `${left}%` }} title="No preflight on the wire: the cached answer applied" />
                ) : (
                  <span class={`waterfall-bar${s.end === null ? ' open' : ''}`} style={{ left: `${left}%`, width: s.end === null ? `${100 - left}%` : `${width}%` }} />
                )}
              </span>
              <span class="waterfall-duration">{duration}</span>
            </li>
          );
        })}
      </ol>
      {span && <p class="muted">Total {formatDuration(span.end - span.start)}, from the first event to the last response.</p>}
    </div>
  );
}
