/**
 * The panel's side of the protocol: one logical connection to the worker that survives the
 * worker being stopped. MV3 may stop the service worker at any time (idle, update, crash); its
 * ports then disconnect. This client reconnects by itself, re-receives a `snapshot` (which
 * replaces the panel's state, so nothing is double-counted), and pings to keep the worker awake
 * while a panel is open. `batch` events are unwrapped here: listeners see single deltas.
 */
import { isEnvelope, type Envelope, type RequestName, type WorkerEvent } from './messages.ts';
import type { PortLike } from './port.ts';
import { requestEnvelope, type RequestParams, type RequestResult } from './rpc.ts';

/** Events as listeners see them (a `batch` envelope arrives as its events, one by one). */
export type PanelEvent = WorkerEvent;

export type ConnectionStatus =
  /** Port open; a snapshot has been received on it. */
  | 'connected'
  /** Opening the first port. */
  | 'connecting'
  /** The port dropped (worker stopped); reconnecting by itself. */
  | 'disconnected'
  /** Closed by `close()`, or the extension context is gone (extension reloaded). */
  | 'closed';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface ClientOptions {
  /** Delays before successive reconnect attempts; the last repeats. Reset once connected. */
  readonly retryDelaysMs?: readonly number[];
  /** Keep-alive interval; Chrome's idle timeout is 30 s. 0 disables. */
  readonly pingIntervalMs?: number;
  /** How long a request may wait for its answer. */
  readonly requestTimeoutMs?: number;
  readonly timers?: Timers;
}

export interface WorkerConnection {
  request<N extends RequestName>(name: N, ...params: RequestParams<N>): Promise<RequestResult<N>>;
  /** Subscribe to worker events; returns the unsubscribe function. */
  onEvent(listener: (event: PanelEvent) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
  /** How many times the port was re-opened after dropping. */
  readonly reconnects: number;
  close(): void;
}

const DEFAULT_RETRY_DELAYS_MS = [0, 50, 200, 500, 1000, 2000];
export const DEFAULT_PING_INTERVAL_MS = 20_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: unknown;
}

/**
 * Opens a connection with `connect` (which returns a fresh port each call, e.g.
 * `() => runtime.connect({ name: panelPortName(tabId) })`) and keeps it open until `close()`.
 */
export function createWorkerConnection(connect: () => PortLike, options: ClientOptions = {}): WorkerConnection {
  const timers = options.timers ?? realTimers;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const pingInterval = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  const eventListeners = new Set<(event: PanelEvent) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const pending = new Map<number, Pending>();
  let port: PortLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let attempt = 0;
  let reconnects = 0;
  let everConnected = false;
  let nextId = 1;
  let retryTimer: unknown = null;
  let pingTimer: unknown = null;

  function setStatus(next: ConnectionStatus): void {
    if (status === next) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  function emit(event: PanelEvent): void {
    for (const listener of [...eventListeners]) listener(event);
  }

  function onMessage(message: unknown): void {
    if (!isEnvelope(message)) return;
    if (message.kind === 'response') {
      const entry = pending.get(message.id);
      if (entry === undefined) return;
      pending.delete(message.id);
      timers.clearTimeout(entry.timer);
      if (message.ok) entry.resolve(message.result);
      else entry.reject(new Error(message.error ?? 'request failed'));
      return;
    }
    if (message.kind === 'batch') {
      for (const delta of message.events) emit(delta);
      return;
    }
    if (message.kind !== 'event') return;
    const event = message.event;
    if (event.type === 'snapshot') {
      attempt = 0;
      setStatus('connected');
    }
    emit(event);
  }

  function onDisconnect(): void {
    port = null;
    for (const [id, entry] of pending) {
      timers.clearTimeout(entry.timer);
      entry.reject(new Error('disconnected from the worker'));
      pending.delete(id);
    }
    if (status === 'closed') return;
    setStatus('disconnected');
    scheduleConnect();
  }

  function scheduleConnect(): void {
    const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 1000;
    attempt += 1;
    retryTimer = timers.setTimeout(open, delay);
  }

  function open(): void {
    retryTimer = null;
    if (status === 'closed') return;
    let fresh: PortLike;
    try {
      fresh = connect();
    } catch {
      // The extension context is gone (extension reloaded or uninstalled): nothing to reconnect to.
      close();
      return;
    }
    if (everConnected) reconnects += 1;
    everConnected = true;
    port = fresh;
    fresh.onMessage.addListener(onMessage);
    fresh.onDisconnect.addListener(onDisconnect);
  }

  function send(envelope: Envelope): void {
    if (port === null) throw new Error('not connected to the worker');
    port.postMessage(envelope);
  }

  function request<N extends RequestName>(name: N, ...params: RequestParams<N>): Promise<RequestResult<N>> {
    return new Promise<RequestResult<N>>((resolve, reject) => {
      const id = nextId++;
      try {
        send(requestEnvelope(id, name, params));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const timer = timers.setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no answer within ${requestTimeout} ms`));
      }, requestTimeout);
      // The worker answers with the result its handler returned (typed by PanelRequests).
      pending.set(id, { resolve: (value) => resolve(value as RequestResult<N>), reject, timer });
    });
  }

  function close(): void {
    if (status === 'closed') return;
    setStatus('closed');
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    if (pingTimer !== null) timers.clearInterval(pingTimer);
    const current = port;
    port = null;
    current?.disconnect();
    for (const entry of pending.values()) {
      timers.clearTimeout(entry.timer);
      entry.reject(new Error('connection closed'));
    }
    pending.clear();
  }

  open();
  if (pingInterval > 0) {
    pingTimer = timers.setInterval(() => {
      if (port !== null) request('ping').catch(() => undefined);
    }, pingInterval);
  }

  return {
    request,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    get status() {
      return status;
    },
    get reconnects() {
      return reconnects;
    },
    close,
  };
}
