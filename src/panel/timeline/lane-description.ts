/**
 * A timeline lane in words, for screen readers and the lane's tooltip: the request, the verdict,
 * then each segment with its start (from the timeline's start) and duration, so the lanes read
 * without a mouse: "PUT /api/items/42, blocked: preflight OPTIONS · 204 at 201 ms for 8 ms; PUT ·
 * not completed at 200 ms".
 */
import { formatDuration, type Segment } from '../state/timing.ts';
import type { RowSummary } from '../state/summary.ts';

function describeSegment(s: Segment, origin: number): string {
  if (s.start === null) return s.label;
  const at = `at ${formatDuration(s.start - origin)}`;
  const length = s.end !== null && s.end > s.start ? ` for ${formatDuration(s.end - s.start)}` : '';
  return `${s.label}${s.failed ? ' (failed)' : ''} ${at}${length}`;
}

export function laneDescription(row: RowSummary, segments: readonly Segment[], origin: number): string {
  const parts = segments.map((s) => describeSegment(s, origin));
  return `${row.method} ${row.path}, ${row.verdictText}: ${parts.join('; ')}`;
}
