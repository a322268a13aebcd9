import { useMemo, useRef } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { select } from '../state/actions.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { exchangeSegments, formatDuration, spanOf, type Segment, type Span } from '../state/timing.ts';
import { useVirtualRows } from '../list/use-virtual-rows.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { TimelineAxis } from './TimelineAxis.tsx';
import { TimelineLegend } from './TimelineLegend.tsx';
import './TimelineView.css';

const LANE_HEIGHT = 20;

interface Lane {
  readonly record: ExchangeRecord;
  readonly segments: readonly Segment[];
  readonly span: Span | null;
}

/** Every shown exchange on one time axis: preflight joined to its request, cache hits distinct, failures red. */
export function TimelineView() {
  const { store, derived } = usePanel();
  const { records } = usePanelState((s) => derived.visible(s));
  const selectedId = usePanelState((s) => s.selectedId);
  const scroller = useRef<HTMLDivElement>(null);

  const { lanes, range } = useMemo(() => {
    let start = Infinity;
    let end = -Infinity;
    const lanes: Lane[] = records.map((record) => {
      const segments = exchangeSegments(record.exchange);
      const span = spanOf(segments);
      if (span) {
        start = Math.min(start, span.start);
        end = Math.max(end, span.end);
      }
      return { record, segments, span };
    });
    return { lanes, range: start === Infinity ? null : { start, end: Math.max(end, start + 1) } };
  }, [records]);

  const { start, end } = useVirtualRows(scroller, lanes.length, LANE_HEIGHT);
  if (records.length === 0) return <EmptyState />;
  if (!range) return <p class="empty-inline muted">No timed exchanges to place on a timeline.</p>;
  const total = range.end - range.start;
  const x = (t: number): number => ((t - range.start) / total) * 100;

  return (
    <div class="timeline" data-testid="timeline">
      <TimelineAxis total={total} />
      <div ref={scroller} class="timeline-scroller" role="listbox" aria-label={`Timeline, ${lanes.length} exchanges`} tabIndex={0}>
        <div class="list-canvas" style={{ height: `${lanes.length * LANE_HEIGHT}px` }}>
          {lanes.slice(start, end).map((lane, i) => {
            const row = derived.summaryOf(lane.record);
            const label = `${row.method} ${row.path}`;
            return (
            <div
              key={(start + i) % 1024}
              class={`lane${row.status === 'blocked' ? ' blocked' : ''}${row.id === selectedId ? ' selected' : ''}`}
              role="option"
              aria-selected={row.id === selectedId}
              aria-label={`${label}${lane.span ? `, ${formatDuration(lane.span.end - lane.span.start)}` : ''}`}
              data-testid="timeline-lane"
              style={{ transform: `translateY(${(start + i) * LANE_HEIGHT}px)` }}
              onMouseDown={() => select(store, row.id)}
            >
              <span class="lane-label" title={label}>
                {label}
              </span>
              <span class="lane-track">
                {lane.span && <span class="lane-join" style={{ left: `${x(lane.span.start)}%`, width: `${x(lane.span.end) - x(lane.span.start)}%` }} />}
                {lane.segments.map((s, j) =>
                  s.start === null ? null : s.kind === 'cache-hit' ? (
                    <span key={j} class="lane-cache" style={{ left: `${x(s.start)}%` }} title={s.label} />
                  ) : (
                    <span
                      key={j}
                      class={`lane-bar seg-${s.kind}${s.failed ? ' failed' : ''}`}
                      style={{ left: `${x(s.start)}%`, width: `max(2px, ${x(s.end ?? s.start) - x(s.start)}%)` }}
                      title={`${s.label}${s.end !== null ? ` · ${formatDuration(s.end - s.start)}` : ''}`}
                    />
                  ),
                )}
              </span>
            </div>
            );
          })}
        </div>
      </div>
      <TimelineLegend />
    </div>
  );
}
