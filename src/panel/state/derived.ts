/**
 * Derived state, memoized per store instance: the filtered and sorted list (records, so nothing
 * is computed for rows that are never shown), cheap filter fields per record, and display
 * summaries only for the rows the virtualized list renders.
 */
import type { KnownCookieSetting } from '../../shared/cookies/browser-setting.ts';
import { evaluateExchange } from '../../shared/cors/index.ts';
import type { ObservedExchange } from '../../shared/model/exchange.ts';
import type { Verdict } from '../../shared/cors/verdict.ts';
import { isEvaluated, type ExchangeRecord, type LogRecord } from '../../shared/protocol/messages.ts';
import { recordHasCookieProblem, shownCookieSetting } from './cookies.ts';
import { filterFields } from './filter-fields.ts';
import type { FilterRow } from './filter-keys.ts';
import { isEmptyQuery, matchesFilter, parseFilter, type FilterQuery } from './filter.ts';
import type { SortSpec } from './list-prefs.ts';
import { sortRecords } from './sort.ts';
import { shownLog, type PanelState } from './store.ts';
import { summarize, type RowSummary } from './summary.ts';

export interface VisibleRows {
  /** The shown log's records that pass the filter, in list order (the sort's, else the requests'). */
  readonly records: readonly LogRecord[];
  /** Size of the shown log before filtering. */
  readonly total: number;
  /** How many of `records` are blocked. */
  readonly blocked: number;
  readonly query: FilterQuery;
}

export interface Derived {
  summaryOf(record: LogRecord): RowSummary;
  /** The record with its filter fields (computed once). */
  rowOf(record: LogRecord): FilterRow;
  /**
   * Computes the filter fields of `records` ahead of the first keystroke, `budgetMs` at a time;
   * returns the index to resume from (records.length when done).
   */
  prepare(records: readonly LogRecord[], from: number, budgetMs: number): number;
  visible(state: PanelState): VisibleRows;
  /**
   * `record` with its verdict. The worker evaluates an exchange once it settles; one still in
   * flight is evaluated here (once per record) only when something shows its verdict: the details,
   * a row's menu, the preflight cache view.
   */
  evaluated(record: LogRecord): ExchangeRecord;
  /** The selected record, evaluated. */
  selected(state: PanelState): ExchangeRecord | null;
}

interface Memo {
  readonly records: readonly LogRecord[];
  readonly filterText: string;
  readonly failuresOnly: boolean;
  readonly sort: SortSpec | null;
  readonly result: VisibleRows;
}

/** How the panel evaluates an exchange in flight: as the worker would now. */
const evaluateNow = (exchange: ObservedExchange): Verdict => evaluateExchange(exchange, { now: Date.now() });

export function createDerived(evaluate: (exchange: ObservedExchange) => Verdict = evaluateNow): Derived {
  const inFlight = new WeakMap<LogRecord, ExchangeRecord>();
  let rows = new WeakMap<LogRecord, FilterRow>();
  let summaries = new WeakMap<LogRecord, RowSummary>();
  /** The cookie setting the cached rows were decided under; a new one recomputes them. */
  let setting: KnownCookieSetting | null = null;
  /** The shown log as of the last `visible`: the records whose cookie jar says whether one has a cookie problem. */
  let shown: readonly LogRecord[] | null = null;
  let last: Memo | null = null;

  /** `log`: the records `record` is shown among. */
  function rowIn(record: LogRecord, log: readonly LogRecord[]): FilterRow {
    let row = rows.get(record);
    if (row === undefined) {
      row = { fields: filterFields(record, recordHasCookieProblem(log, record.id, setting)), record };
      rows.set(record, row);
    }
    return row;
  }

  function rowOf(record: LogRecord): FilterRow {
    return rowIn(record, shown ?? [record]);
  }

  function summaryOf(record: LogRecord): RowSummary {
    let summary = summaries.get(record);
    if (summary === undefined) {
      summary = summarize(record, rowOf(record).fields);
      summaries.set(record, summary);
    }
    return summary;
  }

  function evaluated(record: LogRecord): ExchangeRecord {
    if (isEvaluated(record)) return record;
    let known = inFlight.get(record);
    if (known === undefined) {
      known = { ...record, verdict: evaluate(record.exchange) };
      inFlight.set(record, known);
    }
    return known;
  }

  return {
    rowOf,
    summaryOf,
    evaluated,
    prepare(records, from, budgetMs) {
      const deadline = performance.now() + budgetMs;
      let i = from;
      while (i < records.length) {
        const record = records[i++];
        if (record) rowIn(record, records);
        if ((i & 255) === 0 && performance.now() > deadline) break;
      }
      return i;
    },
    visible(state) {
      const { records } = shownLog(state);
      shown = records;
      if (shownCookieSetting(state) !== setting) {
        setting = shownCookieSetting(state);
        rows = new WeakMap();
        summaries = new WeakMap();
        last = null;
      }
      const { filterText, failuresOnly } = state;
      const { sort } = state.list;
      if (last && last.records === records && last.filterText === filterText && last.failuresOnly === failuresOnly && last.sort === sort) return last.result;
      const query = last && last.filterText === filterText && last.failuresOnly === failuresOnly ? last.result.query : parseFilter(filterText, failuresOnly);
      const filtered = isEmptyQuery(query) ? records : records.filter((record) => matchesFilter(query, rowOf(record)));
      const sorted = sort === null ? filtered : sortRecords(filtered, sort, { row: rowOf, verdictText: (r) => summaryOf(r).verdictText });
      let blocked = 0;
      for (const record of sorted) if (!record.pending && record.verdict?.outcome === 'blocked') blocked++;
      const result = { records: sorted, total: records.length, blocked, query };
      last = { records, filterText, failuresOnly, sort, result };
      return result;
    },
    selected(state) {
      if (state.selectedId === null) return null;
      const log = shownLog(state);
      const at = log.index.get(state.selectedId);
      const record = at === undefined ? undefined : log.records[at];
      return record === undefined ? null : evaluated(record);
    },
  };
}
