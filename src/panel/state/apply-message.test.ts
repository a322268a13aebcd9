import { describe, expect, it } from 'vitest';
import type { TabState, WorkerEvent } from '../../shared/protocol/messages.ts';
import { allowedGet, blockedPreflightHeader, cachedPreflightPut } from '../testing/fixtures.ts';
import { select, showImported } from './actions.ts';
import { applyMessage, applyMessages, reduce, reduceAll } from './apply-message.ts';
import { createDerived } from './derived.ts';
import { createPanelStore } from './store.ts';

const tab = (over: Partial<TabState> = {}): TabState => ({ tabId: 7, recording: true, preserveLog: false, capacity: 5000, evicted: 0, ...over });

describe('applyMessage', () => {
  it('a snapshot replaces the log in seq order and marks the panel synced', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'snapshot', state: tab(), records: [cachedPreflightPut(3), allowedGet(1)] });
    const s = store.get();
    expect(s.synced).toBe(true);
    expect(s.connection).toBe('connected');
    expect(s.live.records.map((r) => r.id)).toEqual(['ex-get', 'ex-cached']);
    expect(s.live.index.get('ex-cached')).toBe(1);
  });

  it('adds at the end, updates in place, and re-sorts an out-of-order add', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'snapshot', state: tab(), records: [allowedGet(1)] });
    applyMessage(store, { type: 'exchange-added', record: { ...cachedPreflightPut(5), pending: true } });
    applyMessage(store, { type: 'exchange-added', record: blockedPreflightHeader(2) });
    expect(store.get().live.records.map((r) => r.seq)).toEqual([1, 2, 5]);
    applyMessage(store, { type: 'exchange-updated', record: cachedPreflightPut(5) });
    const updated = store.get().live.records[2];
    expect(updated?.pending).toBe(false);
    expect(store.get().live.index.get('ex-cached')).toBe(2);
  });

  it('an in-flight exchange that progressed keeps its verdict and takes the new exchange; an unknown id is ignored', () => {
    const store = createPanelStore();
    const inFlight = { ...cachedPreflightPut(5), pending: true };
    applyMessage(store, { type: 'snapshot', state: tab(), records: [allowedGet(1), inFlight] });
    const later = blockedPreflightHeader(5, 'ex-cached').exchange;
    applyMessage(store, { type: 'exchange-progressed', id: 'ex-cached', exchange: later });
    expect(store.get().live.records[1]).toEqual({ ...inFlight, exchange: later, pending: true });
    expect(store.get().live.records[1]?.verdict).toBe(inFlight.verdict);
    const before = store.get();
    applyMessage(store, { type: 'exchange-progressed', id: 'nobody', exchange: later });
    expect(store.get().live).toBe(before.live);
  });

  it('eviction and clearing drop the selection of a removed exchange only', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'snapshot', state: tab(), records: [allowedGet(1), blockedPreflightHeader(2)] });
    select(store, 'ex-put');
    applyMessage(store, { type: 'evicted', ids: ['ex-get'], state: tab({ evicted: 1 }) });
    expect(store.get().selectedId).toBe('ex-put');
    expect(store.get().tab?.evicted).toBe(1);
    applyMessage(store, { type: 'evicted', ids: ['ex-put'], state: tab({ evicted: 2 }) });
    expect(store.get().selectedId).toBeNull();
    applyMessage(store, { type: 'exchange-added', record: allowedGet(3, 'again') });
    applyMessage(store, { type: 'cleared', reason: 'navigation', state: tab() });
    expect(store.get().live.records).toEqual([]);
  });

  it('state events update recording flags without touching the log', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'snapshot', state: tab(), records: [allowedGet(1)] });
    const log = store.get().live;
    applyMessage(store, { type: 'state', state: tab({ recording: false }) });
    expect(store.get().tab?.recording).toBe(false);
    expect(store.get().live).toBe(log);
  });

  it.each([
    ['a known setting', { browser: 'chromium', thirdPartyCookies: 'allowed' }, { browser: 'chromium', thirdPartyCookies: 'allowed' }],
    ['null (the API no longer tells)', null, null],
    ['malformed data', { browser: 'chromium', thirdPartyCookies: 'sometimes' }, null],
  ] as const)('a cookie-setting event sets the setting the live rows are decided under: %s', (_, setting, expected) => {
    const store = createPanelStore();
    applyMessage(store, { type: 'cookie-setting', setting: { browser: 'firefox', cookieBehavior: 5 } });
    const log = store.get().live;
    applyMessage(store, { type: 'cookie-setting', setting } as WorkerEvent);
    expect(store.get().cookieSetting).toEqual(expected);
    expect(store.get().live).toBe(log);
  });

  it('live events keep flowing while an imported HAR is shown, without changing what is shown', () => {
    const store = createPanelStore();
    const derived = createDerived();
    applyMessage(store, { type: 'snapshot', state: tab(), records: [allowedGet(1)] });
    showImported(store, 'trace.har', [blockedPreflightHeader(1, 'har-1')]);
    applyMessage(store, { type: 'exchange-added', record: cachedPreflightPut(2) });
    expect(derived.visible(store.get()).records.map((r) => r.id)).toEqual(['har-1']);
    expect(store.get().live.records).toHaveLength(2);
  });

  it('notifies subscribers once per change and not for no-ops', () => {
    const store = createPanelStore();
    let calls = 0;
    store.subscribe(() => calls++);
    select(store, null);
    applyMessage(store, { type: 'snapshot', state: tab(), records: [] });
    expect(calls).toBe(1);
  });

  const added = (record: ReturnType<typeof allowedGet>): WorkerEvent => ({ type: 'exchange-added', record });
  const updated = (record: ReturnType<typeof allowedGet>): WorkerEvent => ({ type: 'exchange-updated', record });
  const batches: Record<string, WorkerEvent[]> = {
    'appends in order': [added(allowedGet(1, 'a')), added(allowedGet(2, 'b')), added(allowedGet(3, 'c'))],
    'an update of a record added in the same batch': [added({ ...allowedGet(1, 'a'), pending: true }), added(allowedGet(2, 'b')), updated(allowedGet(1, 'a'))],
    'progress of a record added in the same batch, then of an earlier one, then of an unknown one': [
      added({ ...allowedGet(1, 'a'), pending: true }),
      { type: 'exchange-progressed', id: 'a', exchange: allowedGet(1, 'a2').exchange },
      { type: 'exchange-progressed', id: 'z', exchange: allowedGet(0, 'z2').exchange },
      { type: 'exchange-progressed', id: 'nobody', exchange: allowedGet(9, 'y').exchange },
      updated(allowedGet(1, 'a')),
    ],
    'progress after a clear': [added({ ...allowedGet(1, 'a'), pending: true }), { type: 'cleared', reason: 'user', state: tab() }, { type: 'exchange-progressed', id: 'a', exchange: allowedGet(1, 'a').exchange }],
    'an out-of-order add': [added(allowedGet(5, 'e')), added(allowedGet(2, 'b')), updated(allowedGet(5, 'e'))],
    'a snapshot and a clear between runs': [
      added(allowedGet(1, 'a')),
      { type: 'snapshot', state: tab(), records: [allowedGet(4, 'd')] },
      added(allowedGet(6, 'f')),
      { type: 'evicted', ids: ['d'], state: tab({ evicted: 1 }) },
      added(allowedGet(7, 'g')),
      { type: 'cleared', reason: 'user', state: tab() },
      added(allowedGet(8, 'h')),
    ],
  };
  it.each(Object.entries(batches))('a batch reduces to what its events do one by one: %s', (_, events) => {
    const start = reduce(createPanelStore().get(), { type: 'snapshot', state: tab(), records: [allowedGet(0, 'z')] });
    const together = reduceAll(start, events);
    const oneByOne = events.reduce(reduce, start);
    expect(together.live.records).toEqual(oneByOne.live.records);
    expect([...together.live.index]).toEqual([...oneByOne.live.index]);
    expect(together.tab).toEqual(oneByOne.tab);
  });

  it('a batch is one store update, and an empty batch none', () => {
    const store = createPanelStore();
    let calls = 0;
    store.subscribe(() => calls++);
    applyMessages(store, []);
    applyMessages(store, batches['appends in order'] ?? []);
    expect(calls).toBe(1);
    expect(store.get().live.records).toHaveLength(3);
  });
});
