/**
 * The transport under the protocol: anything shaped like a `runtime.Port`. Real ports come from
 * `src/platform/browser.ts`; tests use `createMemoryPortPair`, which delivers asynchronously and
 * structured-clones every message, as the browser does.
 */

export interface PortEvent<A extends unknown[]> {
  addListener(callback: (...args: A) => void): void;
  removeListener(callback: (...args: A) => void): void;
}

/** The structural subset of `runtime.Port` the protocol uses. */
export interface PortLike {
  readonly name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: PortEvent<[message: unknown]>;
  readonly onDisconnect: PortEvent<[port: unknown]>;
}

class MemoryEvent<A extends unknown[]> implements PortEvent<A> {
  readonly #listeners = new Set<(...args: A) => void>();
  addListener(callback: (...args: A) => void): void {
    this.#listeners.add(callback);
  }
  removeListener(callback: (...args: A) => void): void {
    this.#listeners.delete(callback);
  }
  emit(...args: A): void {
    for (const listener of [...this.#listeners]) listener(...args);
  }
}

class MemoryPort implements PortLike {
  readonly onMessage = new MemoryEvent<[message: unknown]>();
  readonly onDisconnect = new MemoryEvent<[port: unknown]>();
  peer: MemoryPort | null = null;
  open = true;
  constructor(readonly name: string) {}

  postMessage(message: unknown): void {
    if (!this.open) throw new Error('Attempting to use a disconnected port object');
    const peer = this.peer;
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (peer?.open) peer.onMessage.emit(copy);
    });
  }

  disconnect(): void {
    if (!this.open) return;
    this.open = false;
    const peer = this.peer;
    // Like runtime.Port: the side that disconnects gets no onDisconnect; the other side does.
    queueMicrotask(() => {
      if (peer?.open) {
        peer.open = false;
        peer.onDisconnect.emit(peer);
      }
    });
  }
}

/** Two connected in-memory ports: what one posts, the other receives (asynchronously, cloned). */
export function createMemoryPortPair(name: string): [PortLike, PortLike] {
  const a = new MemoryPort(name);
  const b = new MemoryPort(name);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
