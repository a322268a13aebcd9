/**
 * The port server: panels (DevTools panel, pop-out tab, the DevTools page itself) connect with a
 * port named `cors-panel:<tabId>`. The first port for a tab starts recording it (listeners added);
 * the last one leaving stops it. Each port gets a `snapshot` first, then the deltas as batches.
 */
import { PROTOCOL_SOURCE, tabIdOfPortName, type DeltaEvent, type Envelope } from '../shared/protocol/messages.ts';
import type { PortLike } from '../shared/protocol/port.ts';
import { serveRequests, type RequestHandlers } from '../shared/protocol/rpc.ts';
import type { Observer } from './observer.ts';
import type { ExchangeStore } from './store.ts';

export class PortServer {
  readonly #ports = new Map<number, Set<PortLike>>();
  readonly #store: ExchangeStore;
  readonly #observer: Pick<Observer, 'watch' | 'unwatch'>;
  readonly #ready: Promise<void>;
  /** Applies pending tracker changes before answering (so a snapshot is current). */
  readonly #settle: () => void;

  constructor(options: { store: ExchangeStore; observer: Pick<Observer, 'watch' | 'unwatch'>; ready: Promise<void>; settle: () => void }) {
    this.#store = options.store;
    this.#observer = options.observer;
    this.#ready = options.ready;
    this.#settle = options.settle;
  }

  /** Tabs with at least one panel connected. */
  get tabs(): number[] {
    return [...this.#ports.keys()];
  }

  /** `runtime.onConnect` handler. Must be registered synchronously at the worker's top level. */
  connect(port: PortLike): void {
    const tabId = tabIdOfPortName(port.name);
    if (tabId === null) return;
    let ports = this.#ports.get(tabId);
    if (ports === undefined) {
      ports = new Set();
      this.#ports.set(tabId, ports);
      // Start recording now, before the store is rehydrated: the store queues what arrives and
      // applies it to the tab's log (created here, replaced by the restored one if any) once ready.
      this.#store.tab(tabId);
      this.#observer.watch(tabId);
    }
    ports.add(port);
    const stopServing = serveRequests(port, this.#handlers(tabId));
    port.onDisconnect.addListener(() => {
      stopServing();
      const set = this.#ports.get(tabId);
      if (set === undefined) return;
      set.delete(port);
      if (set.size === 0) {
        this.#ports.delete(tabId);
        this.#observer.unwatch(tabId);
      }
    });
    void this.#ready.then(() => {
      if (!this.#ports.get(tabId)?.has(port)) return;
      this.#settle();
      const { state, records } = this.#store.snapshot(tabId);
      this.#post(port, { source: PROTOCOL_SOURCE, kind: 'event', event: { type: 'snapshot', state, records } });
    });
  }

  /** Sends one tab's deltas to each of its panels, as one message. */
  deltas(tabId: number, events: readonly DeltaEvent[]): void {
    const ports = this.#ports.get(tabId);
    if (ports === undefined || events.length === 0) return;
    const envelope: Envelope =
      events.length === 1 && events[0] !== undefined
        ? { source: PROTOCOL_SOURCE, kind: 'event', event: events[0] }
        : { source: PROTOCOL_SOURCE, kind: 'batch', events };
    for (const port of ports) this.#post(port, envelope);
  }

  #post(port: PortLike, envelope: Envelope): void {
    try {
      port.postMessage(envelope);
    } catch {
      // Disconnected meanwhile; onDisconnect cleans up.
    }
  }

  #handlers(tabId: number): RequestHandlers {
    const store = this.#store;
    // Requests wait for the restored log, so they never act on (or answer from) an empty one.
    const whenReady = async <T>(act: () => T): Promise<T> => {
      await this.#ready;
      return act();
    };
    return {
      setRecording: (recording) =>
        whenReady(() => {
          // What was seen before the switch is applied under the state it was seen in.
          this.#settle();
          return store.setRecording(tabId, recording);
        }),
      setPreserveLog: (preserveLog) => whenReady(() => store.setPreserveLog(tabId, preserveLog)),
      setCapacity: (capacity) => whenReady(() => store.setCapacity(tabId, capacity)),
      clear: () =>
        whenReady(() => {
          this.#settle();
          return store.clear(tabId, 'user');
        }),
      getSnapshot: () =>
        whenReady(() => {
          this.#settle();
          return store.snapshot(tabId);
        }),
      ping: () => Date.now(),
    };
  }
}
