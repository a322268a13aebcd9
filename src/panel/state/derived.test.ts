import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../../shared/model/exchange.ts';
import type { ExchangeRecord, LogRecord } from '../../shared/protocol/messages.ts';
import { allFixtures, allowedGet, blockedPreflightHeader, corsBlockedLogin, inFlight } from '../testing/fixtures.ts';
import { select, setCookieSetting, setFailuresOnly, setFilterText } from './actions.ts';
import { applyMessage } from './apply-message.ts';
import { createDerived } from './derived.ts';
import { createPanelStore } from './store.ts';

function setup(records: readonly LogRecord[] = allFixtures()) {
  const store = createPanelStore();
  applyMessage(store, { type: 'snapshot', state: { tabId: 7, recording: true, preserveLog: false, capacity: 5000, evicted: 0 }, records });
  return { store, derived: createDerived() };
}

describe('derived state', () => {
  it('memoizes the visible list until the log or the filter changes', () => {
    const { store, derived } = setup();
    const first = derived.visible(store.get());
    expect(derived.visible(store.get())).toBe(first);
    expect(first).toMatchObject({ total: 5, blocked: 2 });
    setFilterText(store, 'method:PUT');
    const filtered = derived.visible(store.get());
    expect(filtered.records.map((r) => r.id)).toEqual(['ex-put', 'ex-cached']);
    expect(filtered.blocked).toBe(1);
    setFailuresOnly(store, true);
    expect(derived.visible(store.get()).records.map((r) => r.id)).toEqual(['ex-put']);
  });

  it('prepares filter fields in slices and reports where it stopped', () => {
    const { store, derived } = setup();
    const { records } = store.get().live;
    expect(derived.prepare(records, 0, 1000)).toBe(records.length);
    expect(derived.prepare(records, records.length, 1000)).toBe(records.length);
  });

  it('caches each row summary per record', () => {
    const { store, derived } = setup();
    const record = store.get().live.records[1]!;
    expect(derived.summaryOf(record)).toBe(derived.summaryOf(record));
    expect(derived.summaryOf(record).verdictText).toBe('Preflight: Allow-Headers lacks content-type');
  });

  it('decides the cookie problem again when the browser’s cookie setting changes', () => {
    // The login's one Set-Cookie, cross-site with SameSite=None; Secure: stored unless third-party cookies are blocked.
    const login = corsBlockedLogin();
    const response = login.exchange.legs[0]?.response;
    if (!response) throw new Error('the fixture has a response');
    const headers = response.headers.filter((h) => h.name !== 'Set-Cookie' || h.value.startsWith('sid='));
    const onlySid: ExchangeRecord = { ...login, exchange: { ...login.exchange, legs: [{ ...login.exchange.legs[0]!, response: { ...response, headers } }] } };
    const { store, derived } = setup([onlySid]);
    setFilterText(store, 'is:cookie-problem');
    setCookieSetting(store, { browser: 'chromium', thirdPartyCookies: 'allowed' });
    expect(derived.visible(store.get()).records).toEqual([]);
    setCookieSetting(store, { browser: 'chromium', thirdPartyCookies: 'blocked' });
    expect(derived.visible(store.get()).records.map((r) => r.id)).toEqual(['ex-login']);
    expect(derived.summaryOf(onlySid).badges).toContain('cookie-problem');
  });

  it('an exchange in flight without a verdict is pending: not blocked, no codes, not failed; its details and menu evaluate it once', () => {
    const blocked = blockedPreflightHeader();
    const pending = inFlight(blocked);
    const store = createPanelStore();
    applyMessage(store, { type: 'snapshot', state: { tabId: 7, recording: true, preserveLog: false, capacity: 5000, evicted: 0 }, records: [allowedGet(), pending] });
    const evaluated: ObservedExchange[] = [];
    const derived = createDerived((exchange) => (evaluated.push(exchange), blocked.verdict));
    expect(derived.visible(store.get())).toMatchObject({ total: 2, blocked: 0 });
    expect(derived.rowOf(pending).fields).toMatchObject({ status: 'pending', codes: [], initiatorOrigin: pending.exchange.initiatorOrigin });
    expect(derived.summaryOf(pending).verdictText).toBe('Pending…');
    const cases: Array<[filter: string, ids: string[]]> = [
      ['is:running', ['ex-put']],
      [`code:${blocked.verdict.code ?? ''}`, []],
      ['method:PUT', ['ex-put']],
    ];
    for (const [filter, ids] of cases) {
      setFilterText(store, filter);
      expect(derived.visible(store.get()).records.map((r) => r.id), filter).toEqual(ids);
    }
    setFilterText(store, '');
    setFailuresOnly(store, true);
    expect(derived.visible(store.get()).records).toEqual([]);
    // Nothing was evaluated for the list; the details ask once.
    expect(evaluated).toEqual([]);
    select(store, 'ex-put');
    expect(derived.selected(store.get())).toEqual({ ...pending, verdict: blocked.verdict });
    expect(derived.selected(store.get())).toBe(derived.evaluated(pending));
    expect(evaluated).toEqual([pending.exchange]);
    // Once settled, the worker's record is shown as it is.
    applyMessage(store, { type: 'exchange-updated', record: blocked });
    expect(derived.selected(store.get())).toBe(store.get().live.records[1]);
    expect(derived.visible(store.get())).toMatchObject({ blocked: 1 });
    expect(evaluated).toHaveLength(1);
  });
});
