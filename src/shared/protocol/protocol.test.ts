import { describe, expect, it } from 'vitest';
import { createWorkerConnection } from './client.ts';
import { isEnvelope, PROTOCOL_SOURCE, tabIdOfPortName, panelPortName, type TabState } from './messages.ts';
import { createMemoryPortPair, type PortLike } from './port.ts';
import { answerRequest, serveRequests, type RequestHandlers } from './rpc.ts';

const STATE: TabState = { tabId: 3, recording: true, preserveLog: false, capacity: 5000, evicted: 0 };

const handlers: RequestHandlers = {
  setRecording: (recording) => ({ ...STATE, recording }),
  setPreserveLog: (preserveLog) => ({ ...STATE, preserveLog }),
  setCapacity: (capacity) => ({ ...STATE, capacity }),
  clear: () => STATE,
  getSnapshot: () => ({ state: STATE, records: [] }),
  ping: () => 42,
  getCookieSetting: () => null,
};

describe('isEnvelope', () => {
  it.each([
    [{ source: PROTOCOL_SOURCE, kind: 'event', event: { type: 'state', state: STATE } }, true],
    [{ source: PROTOCOL_SOURCE, kind: 'batch', events: [{ type: 'state', state: STATE }] }, true],
    [{ source: PROTOCOL_SOURCE, kind: 'request', id: 1, name: 'clear', params: [] }, true],
    [{ source: PROTOCOL_SOURCE, kind: 'response', id: 1, ok: true }, true],
    // not ours, or malformed
    [{ source: 'other', kind: 'event', event: { type: 'state' } }, false],
    [{ source: PROTOCOL_SOURCE, kind: 'request', id: 1, name: 'deleteEverything', params: [] }, false],
    [{ source: PROTOCOL_SOURCE, kind: 'batch', events: [null] }, false],
    [{ source: PROTOCOL_SOURCE, kind: 'event' }, false],
    [null, false],
    ['cors-inspector', false],
  ])('%j → %s', (message, expected) => {
    expect(isEnvelope(message)).toBe(expected);
  });
});

describe('port names', () => {
  it('round-trips a tab id and rejects others', () => {
    expect(tabIdOfPortName(panelPortName(12))).toBe(12);
    expect(tabIdOfPortName('cors-panel:-1')).toBeNull();
    expect(tabIdOfPortName('cors-panel:x')).toBeNull();
    expect(tabIdOfPortName('other:1')).toBeNull();
  });
});

describe('requests', () => {
  it('validates parameters before the handler runs', async () => {
    const answer = await answerRequest({ source: PROTOCOL_SOURCE, kind: 'request', id: 9, name: 'setRecording', params: ['yes'] }, handlers);
    expect(answer).toMatchObject({ id: 9, ok: false, error: 'invalid parameters for setRecording' });
  });

  it('a connection sends typed requests and gets typed answers', async () => {
    const connection = createWorkerConnection(
      () => {
        const [panel, worker] = createMemoryPortPair(panelPortName(3));
        serveRequests(worker, handlers);
        worker.postMessage({ source: PROTOCOL_SOURCE, kind: 'event', event: { type: 'snapshot', state: STATE, records: [] } });
        return panel;
      },
      { pingIntervalMs: 0 },
    );
    await expect(connection.request('setCapacity', 10)).resolves.toMatchObject({ capacity: 10 });
    await expect(connection.request('ping')).resolves.toBe(42);
    connection.close();
  });
});

describe('reconnecting connection', () => {
  it('reconnects by itself when the port drops, re-receives a snapshot, and unwraps batches', async () => {
    const workerSides: PortLike[] = [];
    const connection = createWorkerConnection(
      () => {
        const [panel, worker] = createMemoryPortPair(panelPortName(3));
        workerSides.push(worker);
        worker.postMessage({ source: PROTOCOL_SOURCE, kind: 'event', event: { type: 'snapshot', state: STATE, records: [] } });
        return panel;
      },
      { pingIntervalMs: 0, retryDelaysMs: [0] },
    );
    const seen: string[] = [];
    const statuses: string[] = [];
    connection.onEvent((e) => seen.push(e.type));
    connection.onStatus((s) => statuses.push(s));
    await expect.poll(() => connection.status).toBe('connected');
    workerSides[0]?.postMessage({ source: PROTOCOL_SOURCE, kind: 'batch', events: [{ type: 'state', state: STATE }, { type: 'cleared', reason: 'user', state: STATE }] });
    await expect.poll(() => seen).toEqual(['snapshot', 'state', 'cleared']);
    workerSides[0]?.disconnect();
    await expect.poll(() => connection.reconnects).toBe(1);
    await expect.poll(() => seen.length).toBe(4);
    expect(seen[3]).toBe('snapshot');
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
    connection.close();
    expect(connection.status).toBe('closed');
  });

  it('fails pending requests when the port drops instead of hanging', async () => {
    let worker: PortLike | null = null;
    const connection = createWorkerConnection(
      () => {
        const pair = createMemoryPortPair(panelPortName(3));
        worker ??= pair[1];
        return pair[0];
      },
      { pingIntervalMs: 0, retryDelaysMs: [1000] },
    );
    const pending = connection.request('clear');
    worker!.disconnect();
    await expect(pending).rejects.toThrow(/disconnected/);
    connection.close();
  });
});
