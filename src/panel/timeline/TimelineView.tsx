import { useEffect, useMemo, useRef } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { select } from '../state/actions.ts';
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { exchangeSegments, formatDuration, spanOf, type Segment, type Span } from '../state/timing.ts';
import { listKeyDown } from '../list/list-keys.ts';
import { scrollRowIntoView, useVirtualRows } from '../list/use-virtual-rows.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { TimelineAxis } from './TimelineAxis.tsx';
import { TimelineLegend } from './TimelineLegend.tsx';
import { laneDescription } from './lane-description.ts';
import './TimelineView.css';

const LANE_HEIGHT = 20;

interface Lane {
  readonly record: LogRecord;
  readonly segments: readonly Segment[];
  readonly span: Span | null;
}

export interface TimelineViewProps {
  /** Called on Enter: move focus into the details. */
  readonly onOpen: () => void;
}

/**
 * Every shown exchange on one time axis: preflight joined to its request, cache hits distinct,
 * failures red. A listbox like the list: Tab reaches it, the arrows (Page Up/Down, Home, End) go
 * from lane to lane, each read as words (./lane-description.ts), Enter opens the details.
 */
export function TimelineView({ onOpen }: TimelineViewProps) {
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

  const { start, end, viewportHeight } = useVirtualRows(scroller, lanes.length, LANE_HEIGHT);
  const selectedIndex = selectedId === null ? -1 : records.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (scroller.current && selectedIndex >= 0) scrollRowIntoView(scroller.current, selectedIndex, LANE_HEIGHT);
  }, [selectedIndex]);

  if (records.length === 0) return <EmptyState />;
  if (!range) return <p class="empty-inline muted">No timed exchanges to place on a timeline.</p>;
  const total = range.end - range.start;
  const x = (t: number): number => ((t - range.start) / total) * 100;
  const onKeyDown = listKeyDown({
    store,
    ids: () => records.map((r) => r.id),
    selectedId,
    pageRows: Math.max(1, Math.floor(viewportHeight / LANE_HEIGHT) - 1),
    onOpen,
  });

  return (
    <div class="timeline" data-testid="timeline">
      <TimelineAxis total={total} />
      <div
        ref={scroller}
        class="timeline-scroller"
        role="listbox"
        aria-label={`Timeline, ${lanes.length} exchanges; arrows move between lanes, Enter opens the details`}
        aria-activedescendant={selectedIndex >= start && selectedIndex < end ? `lane-${selectedId}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div class="list-canvas" style={{ height: `${lanes.length * LANE_HEIGHT}px` }}>
          {lanes.slice(start, end).map((lane, i) => {
            const row = derived.summaryOf(lane.record);
            const label = `${row.method} ${row.path}`;
            const description = laneDescription(row, lane.segments, range.start);
            return (
              <div
                key={(start + i) % 1024}
                id={`lane-${row.id}`}
                class={`lane${row.status === 'blocked' ? ' blocked' : ''}${row.id === selectedId ? ' selected' : ''}`}
                role="option"
                aria-selected={row.id === selectedId}
                aria-posinset={start + i + 1}
                aria-setsize={lanes.length}
                aria-label={description}
                title={description}
                data-testid="timeline-lane"
                style={{ transform: `translateY(${(start + i) * LANE_HEIGHT}px)` }}
                onMouseDown={() => select(store, row.id)}
              >
                <span class="lane-label">{label}</span>
                <span class="lane-track">
                  {lane.span && <span class="lane-join" style={{ left: `${x(lane.span.start)}%`, width: `${x(lane.span.end) - x(lane.span.start)}%` }} />}
                  {lane.segments.map((s, j) =>
                    s.start === null ? null : s.kind === 'cache-hit' ? (
                      <span key={j} class="lane-cache" style={{ left: `${x(s.start)}%` }} />
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
