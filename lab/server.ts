/**
 * The CORS lab: a page server and an API server on loopback.
 *
 * - page:  http://localhost:<pagePort>         (the page origin; also answers same-origin scenarios)
 * - api:   http://localhost:<apiPort>          (same-site, cross-origin)
 *          http://127.0.0.1:<apiPort>          (cross-site)
 * - alt:   http://localhost|127.0.0.1:<apiAltPort>  (a second API origin pair, for redirects)
 *
 * Every request is logged, raw, in `wire`.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { listenLoopback, type Bound } from './listen.ts';
import { respondKnobs, respondScenario, type LabRequest, type LabResponse } from './respond.ts';
import { scenarios } from './scenarios.ts';
import { staticFile } from './static.ts';
import type { Scenario } from './types.ts';
import { scenarioIdOf, type Origins } from './urls.ts';
import { pairRawHeaders, WireLog, type WireEntry } from './wire.ts';

export type { WireEntry } from './wire.ts';
export type { Origins } from './urls.ts';

export interface Lab {
  pageOrigin: string;
  apiSameSite: string;
  apiCrossSite: string;
  wire: readonly WireEntry[];
  clearWire(): void;
  waitForWire(pred: (e: WireEntry) => boolean, timeoutMs?: number): Promise<WireEntry>;
  close(): Promise<void>;
  // ── additions beyond the original contract ──
  /** Second API port as localhost (same-site, another origin). */
  apiSameSiteAlt: string;
  /** Second API port as 127.0.0.1 (cross-site, another origin). */
  apiCrossSiteAlt: string;
  /** Every target kind → origin, as the page sees them (`/origins.json`). */
  origins: Origins;
  ports: { page: number; api: number; apiAlt: number };
}

export interface LabOptions {
  /** undefined: 8310 if free, else any; 0: any free port; N: exactly N. */
  pagePort?: number;
  /** undefined: 8311 if free, else any. */
  apiPort?: number;
  /** undefined: 8312 if free, else any. */
  apiAltPort?: number;
  /** The scenario table to serve (and list at `/scenarios.json`); the lessons of lab/scenarios.ts by default. */
  scenarios?: readonly Scenario[];
}

export const DEFAULT_PORTS = { page: 8310, api: 8311, apiAlt: 8312 } as const;

function labRequest(req: IncomingMessage, url: URL, raw: [string, string][]): LabRequest {
  return {
    method: req.method ?? 'GET',
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => raw.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1],
  };
}

function textResponse(status: number, text: string, type = 'text/plain; charset=utf-8'): LabResponse {
  const body = Buffer.from(text);
  return { status, headers: [['Content-Type', type], ['Cache-Control', 'no-store'], ['Content-Length', String(body.length)]], body };
}

async function answer(server: 'page' | 'api', req: LabRequest, origins: Origins, table: readonly Scenario[]): Promise<LabResponse> {
  const fromTable = respondScenario(req, origins, table) ?? respondKnobs(req, origins);
  if (fromTable) return fromTable;
  if (server === 'page' && (req.method === 'GET' || req.method === 'HEAD')) {
    const file = await staticFile(req.pathname, origins, table);
    if (file) {
      // ACAO * so the sandboxed (opaque-origin) lab frame can load its scripts and the table
      const headers: [string, string][] = [
        ['Content-Type', file.type], ['Cache-Control', 'no-store'], ['Access-Control-Allow-Origin', '*'], ['Content-Length', String(file.body.length)],
      ];
      return { status: 200, headers, body: file.body };
    }
  }
  if (req.pathname === '/favicon.ico') return { status: 204, headers: [], body: Buffer.alloc(0) };
  return textResponse(404, `not found: ${req.pathname}`);
}

function send(res: ServerResponse, r: LabResponse, head: boolean): void {
  res.sendDate = false;
  res.writeHead(r.status, r.headers.flat());
  res.end(head ? undefined : r.body);
}

function handler(server: 'page' | 'api', wire: WireLog, origins: () => Origins, table: readonly Scenario[]): RequestListener {
  return (req, res) => {
    const time = Date.now();
    const headers = pairRawHeaders(req.rawHeaders);
    const host = req.headers.host ?? '';
    const path = req.url ?? '/';
    const url = new URL(path, `http://${host || 'localhost'}`);
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const lr = labRequest(req, url, headers);
      answer(server, lr, origins(), table)
        .catch((err: unknown) => textResponse(500, `lab error: ${String(err)}`))
        .then((r) => {
          wire.add({
            time, server, host, localAddress: req.socket.localAddress ?? '', method: lr.method, path, url: `http://${host}${path}`, headers, body: Buffer.concat(body),
            scenario: scenarioIdOf(url.pathname), run: url.searchParams.get('run'),
            response: r.abort ? { status: r.status, headers: r.headers, aborted: true } : { status: r.status, headers: r.headers },
          });
          if (r.abort) {
            req.socket.destroy();
            return;
          }
          try {
            send(res, r, lr.method === 'HEAD');
          } catch (err) {
            // e.g. a header value Node refuses to send; the wire log still shows what we meant
            if (!res.headersSent) send(res, textResponse(500, `lab could not send response: ${String(err)}`), false);
          }
        })
        .catch(() => res.destroy());
    });
  };
}

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const wire = new WireLog();
  let origins: Origins | null = null;
  const getOrigins = (): Origins => {
    if (!origins) throw new Error('lab not started');
    return origins;
  };
  const bound: Bound[] = [];
  try {
    const table = opts.scenarios ?? scenarios;
    bound.push(await listenLoopback(handler('page', wire, getOrigins, table), opts.pagePort, DEFAULT_PORTS.page));
    bound.push(await listenLoopback(handler('api', wire, getOrigins, table), opts.apiPort, DEFAULT_PORTS.api));
    bound.push(await listenLoopback(handler('api', wire, getOrigins, table), opts.apiAltPort, DEFAULT_PORTS.apiAlt));
  } catch (err) {
    await Promise.all(bound.map((b) => b.close()));
    throw err;
  }
  const [page, api, alt] = bound.map((b) => b.port) as [number, number, number];
  origins = {
    'same-origin': `http://localhost:${page}`,
    'same-site': `http://localhost:${api}`,
    'cross-site': `http://127.0.0.1:${api}`,
    'same-site-alt': `http://localhost:${alt}`,
    'cross-site-alt': `http://127.0.0.1:${alt}`,
  };
  const o = origins;
  let closing: Promise<void> | null = null;
  return {
    pageOrigin: o['same-origin'],
    apiSameSite: o['same-site'],
    apiCrossSite: o['cross-site'],
    apiSameSiteAlt: o['same-site-alt'],
    apiCrossSiteAlt: o['cross-site-alt'],
    origins: o,
    ports: { page, api, apiAlt: alt },
    wire: wire.entries,
    clearWire: () => wire.clear(),
    waitForWire: (pred, timeoutMs) => wire.waitFor(pred, timeoutMs),
    close: () => (closing ??= Promise.all(bound.map((b) => b.close())).then(() => undefined)),
  };
}
