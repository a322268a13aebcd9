/**
 * An exchange as timed segments (absolute ms since the epoch), for the Timing tab's waterfall
 * and the Timeline view: each hop's preflight (or cache hit) then its request.
 */
import type { ObservedExchange } from '../../shared/model/exchange.ts';

export type SegmentKind = 'preflight' | 'cache-hit' | 'redirect' | 'request';

export interface Segment {
  readonly kind: SegmentKind;
  readonly label: string;
  /** Null when the recorder gave no time. */
  readonly start: number | null;
  /** Null while pending, when it never completed, or when unknown. */
  readonly end: number | null;
  readonly failed: boolean;
}

export function exchangeSegments(exchange: ObservedExchange): Segment[] {
  const segments: Segment[] = [];
  const last = exchange.legs.length - 1;
  exchange.legs.forEach((leg, i) => {
    const preflight = leg.preflight;
    if (preflight?.kind === 'observed') {
      const status = preflight.response?.status;
      segments.push({
        kind: 'preflight',
        label: `Preflight OPTIONS${status !== undefined ? ` · ${status}` : ''}`,
        start: preflight.request.startedAt ?? null,
        end: preflight.response?.receivedAt ?? null,
        failed: preflight.response === null || (status !== undefined && (status < 200 || status > 299)),
      });
    } else if (preflight?.kind === 'cache-hit') {
      const at = leg.request.startedAt ?? null;
      segments.push({ kind: 'cache-hit', label: 'Preflight served from cache', start: at, end: at, failed: false });
    }
    const status = leg.response?.status;
    const final = i === last;
    segments.push({
      kind: final ? 'request' : 'redirect',
      label: `${leg.request.method}${status !== undefined ? ` · ${status}` : final && exchange.outcome.kind === 'failed' ? ' · not completed' : ''}${final ? '' : ' (redirect)'}`,
      start: leg.request.startedAt ?? null,
      end: leg.response?.receivedAt ?? null,
      failed: final && exchange.outcome.kind === 'failed',
    });
  });
  return segments;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The time range the segments cover, or null when none has a time. */
export function spanOf(segments: readonly Segment[]): Span | null {
  let start = Infinity;
  let end = -Infinity;
  for (const s of segments) {
    if (s.start !== null) {
      start = Math.min(start, s.start);
      end = Math.max(end, s.start);
    }
    if (s.end !== null) end = Math.max(end, s.end);
  }
  return start === Infinity ? null : { start, end };
}

/** "12 ms", "1.4 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
