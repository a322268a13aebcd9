/**
 * Prepares the filter's per-record fields while the panel is idle, so the first keystroke after
 * a large import or snapshot does not pay for all of them at once.
 */
import { useEffect } from 'preact/hooks';
import type { LogRecord } from '../../shared/protocol/messages.ts';
import type { Derived } from '../state/derived.ts';

const SLICE_MS = 8;

/** User Timing mark set when every record's filter fields are ready (read by bench/panel.ts). */
export const FILTER_READY_MARK = 'cors-panel:filter-ready';

export function usePreparedFilter(derived: Derived, records: readonly LogRecord[]): void {
  useEffect(() => {
    let from = 0;
    let handle: number | null = null;
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1));
    const cancel = globalThis.cancelIdleCallback ?? clearTimeout;
    const step = (): void => {
      from = derived.prepare(records, from, SLICE_MS);
      handle = from < records.length ? idle(step) : null;
      if (handle === null && records.length > 0) performance.mark(FILTER_READY_MARK, { detail: { records: records.length } });
    };
    handle = idle(step);
    return () => {
      if (handle !== null) cancel(handle);
    };
  }, [derived, records]);
}
