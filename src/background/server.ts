/**
 * The port server: the panels' end of the worker. Panels (DevTools panel, pop-out tab, the
 * DevTools page itself) connect with a port named `cors-panel:<tabId>`; the server keeps them by
 * tab and posts to them: each port a `snapshot` first, then the tab's deltas as batches. It knows
 * neither the store nor the capture: the worker tells it what to send.
 */
import { PROTOCOL_SOURCE, tabIdOfPortName, type DeltaEvent, type Envelope, type WorkerEvent } from '../shared/protocol/messages.ts';
import type { PortLike } from '../shared/protocol/port.ts';

export class PortServer {
  readonly #ports = new Map<number, Set<PortLike>>();

  /** Tabs with at least one panel connected. */
  get tabs(): number[] {
    return [...this.#ports.keys()];
  }

  /** Adds a panel's port. Null when it is not a panel port; `first` for the tab's first panel. */
  add(port: PortLike): { readonly tabId: number; readonly first: boolean } | null {
    const tabId = tabIdOfPortName(port.name);
    if (tabId === null) return null;
    let ports = this.#ports.get(tabId);
    const first = ports === undefined;
    if (ports === undefined) {
      ports = new Set();
      this.#ports.set(tabId, ports);
    }
    ports.add(port);
    return { tabId, first };
  }

  /** Removes a panel's port; true when it was the tab's last panel. */
  remove(tabId: number, port: PortLike): boolean {
    const ports = this.#ports.get(tabId);
    if (ports === undefined || !ports.delete(port) || ports.size > 0) return false;
    this.#ports.delete(tabId);
    return true;
  }

  /** Whether the port is still connected. */
  has(tabId: number, port: PortLike): boolean {
    return this.#ports.get(tabId)?.has(port) ?? false;
  }

  /** Sends one event to one port (the snapshot it starts from). */
  send(port: PortLike, event: WorkerEvent): void {
    this.#post(port, { source: PROTOCOL_SOURCE, kind: 'event', event });
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
}
