/**
 * Derived state, memoized per store instance: the filtered list (records, so nothing is computed
 * for rows that are never shown), cheap filter fields per record, and display summaries only for
 * the rows the virtualized list renders.
 */
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { isEmptyQuery, matchesFilter, parseFilter, type FilterQuery } from './filter.ts';
import { shownLog, type PanelState } from './store.ts';
import { filterFields, summarize, type FilterFields, type RowSummary } from './summary.ts';
import type { KnownCookieSetting } from '../../shared/cookies/browser-setting.ts';
import { hasCookieProblem, recordCookies, shownCookieSetting } from './cookies.ts';

export interface VisibleRows {
  /** The shown log's records that pass the filter, in list order. */
  readonly records: readonly ExchangeRecord[];
  /** Size of the shown log before filtering. */
  readonly total: number;
  /** How many of `records` are blocked. */
  readonly blocked: number;
  readonly query: FilterQuery;
}

export interface Derived {
  summaryOf(record: ExchangeRecord): RowSummary;
  /**
   * Computes the filter fields of `records` ahead of the first keystroke, `budgetMs` at a time;
   * returns the index to resume from (records.length when done).
   */
  prepare(records: readonly ExchangeRecord[], from: number, budgetMs: number): number;
  visible(state: PanelState): VisibleRows;
  selected(state: PanelState): ExchangeRecord | null;
}

export function createDerived(): Derived {
  let fields = new WeakMap<ExchangeRecord, FilterFields>();
  let summaries = new WeakMap<ExchangeRecord, RowSummary>();
  /** The cookie setting the cached fields were decided under; a new one recomputes them. */
  let setting: KnownCookieSetting | null = null;
  let last: { records: readonly ExchangeRecord[]; filterText: string; failuresOnly: boolean; result: VisibleRows } | null = null;

  /** `log`: the records `record` is shown among, whose cookie jar says whether it has a cookie problem. */
  function fieldsOf(record: ExchangeRecord, log: readonly ExchangeRecord[] = last?.records ?? [record]): FilterFields {
    let value = fields.get(record);
    if (value === undefined) {
      value = filterFields(record, hasCookieProblem(recordCookies(log, record.id, setting)));
      fields.set(record, value);
    }
    return value;
  }

  return {
    prepare(records, from, budgetMs) {
      const deadline = performance.now() + budgetMs;
      let i = from;
      while (i < records.length) {
        const record = records[i++];
        if (record) fieldsOf(record, records);
        if ((i & 255) === 0 && performance.now() > deadline) break;
      }
      return i;
    },
    summaryOf(record) {
      let summary = summaries.get(record);
      if (summary === undefined) {
        summary = summarize(record, fieldsOf(record));
        summaries.set(record, summary);
      }
      return summary;
    },
    visible(state) {
      const { records } = shownLog(state);
      if (shownCookieSetting(state) !== setting) {
        setting = shownCookieSetting(state);
        fields = new WeakMap();
        summaries = new WeakMap();
        last = null;
      }
      if (last && last.records === records && last.filterText === state.filterText && last.failuresOnly === state.failuresOnly) {
        return last.result;
      }
      const query = parseFilter(state.filterText, state.failuresOnly);
      const shown = isEmptyQuery(query) ? records : records.filter((record) => matchesFilter(query, fieldsOf(record, records)));
      let blocked = 0;
      for (const record of shown) if (!record.pending && record.verdict.outcome === 'blocked') blocked++;
      const result = { records: shown, total: records.length, blocked, query };
      last = { records, filterText: state.filterText, failuresOnly: state.failuresOnly, result };
      return result;
    },
    selected(state) {
      if (state.selectedId === null) return null;
      const log = shownLog(state);
      const at = log.index.get(state.selectedId);
      return at === undefined ? null : (log.records[at] ?? null);
    },
  };
}
