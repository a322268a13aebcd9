import { describe, expect, it } from 'vitest';
import type { TabState } from '../../shared/protocol/messages.ts';
import { allowedGet, blockedPreflightHeader, cachedPreflightPut } from '../testing/fixtures.ts';
import { select, showImported } from './actions.ts';
import { applyMessage } from './apply-message.ts';
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
});
