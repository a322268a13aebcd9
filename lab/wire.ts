/** The lab's record of every request that reached one of its servers, in arrival order. */

export interface WireEntry {
  seq: number;
  /** ms since the epoch when the request head arrived. */
  time: number;
  server: 'page' | 'api';
  /** The Host header as sent. */
  host: string;
  /** The loopback address the connection came in on (`127.0.0.1` or `::1`): how the client resolved `localhost`. */
  localAddress: string;
  method: string;
  /** Path and query as sent. */
  path: string;
  /** `http://<host><path>`. */
  url: string;
  /** Raw request headers (req.rawHeaders): order, case and duplicates preserved. */
  headers: [string, string][];
  /** The request body's bytes as received (empty when there was none). */
  body?: Buffer;
  /** Scenario id from `/s/<id>/…`, else null. */
  scenario: string | null;
  /** The `run` query parameter, else null. */
  run: string | null;
  /**
   * What the lab answered (Node adds Connection/Keep-Alive on its own; Date is switched off).
   * For `abort` specs nothing was sent: the socket was destroyed (`aborted: true`).
   */
  response: { status: number; headers: [string, string][]; aborted?: boolean };
}

type Waiter = { pred: (e: WireEntry) => boolean; resolve: (e: WireEntry) => void };

export class WireLog {
  readonly entries: WireEntry[] = [];
  private seq = 0;
  private waiters = new Set<Waiter>();

  add(entry: Omit<WireEntry, 'seq'>): WireEntry {
    const full: WireEntry = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    for (const w of [...this.waiters]) {
      if (w.pred(full)) {
        this.waiters.delete(w);
        w.resolve(full);
      }
    }
    return full;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** The first logged entry matching `pred` (already logged or future); rejects after `timeoutMs`. */
  waitFor(pred: (e: WireEntry) => boolean, timeoutMs = 5000): Promise<WireEntry> {
    const found = this.entries.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise<WireEntry>((resolve, reject) => {
      const waiter: Waiter = {
        pred,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`waitForWire: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/** Pairs Node's flat rawHeaders array into [name, value] lines. */
export function pairRawHeaders(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return out;
}
