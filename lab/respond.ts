/**
 * Turns one request into the lab's answer, from the scenario table (`/s/…`) or the knobs (`/k/…`).
 * Pure apart from reading the table: no sockets, so it is unit-testable on its own.
 */
import { labFont } from './font.ts';
import { scenarios as LESSONS } from './scenarios.ts';
import type { EchoBody, HeaderLine, ResourceBody, ResponseSpec, Scenario } from './types.ts';
import { parseScenarioPath, scenarioPath, type Origins } from './urls.ts';

export interface LabRequest {
  method: string;
  /** Path without the query. */
  pathname: string;
  query: URLSearchParams;
  /** Header lookup, case-insensitive; the first value when a header came several times. */
  header(name: string): string | undefined;
}

export interface LabResponse {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** Destroy the socket instead of answering. */
  abort?: boolean;
}

/** What an OPTIONS gets at a hop that defines no preflight answer: a plain 404. */
const NO_PREFLIGHT_HANDLER: ResponseSpec = { status: 404, body: { text: 'no OPTIONS handler here' } };

/** A 1×1 transparent GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * What each element-loaded body is. Stylesheets and module scripts must carry their own MIME
 * type or the browser refuses them whatever CORS said (https://html.spec.whatwg.org/#fetch-a-single-module-script).
 */
const RESOURCES: Readonly<Record<ResourceBody, () => { type: string; bytes: Buffer }>> = {
  gif: () => ({ type: 'image/gif', bytes: GIF }),
  css: () => ({ type: 'text/css; charset=utf-8', bytes: Buffer.from('.cors-lab { color: teal; }\n') }),
  font: () => ({ type: 'font/ttf', bytes: labFont() }),
  script: () => ({ type: 'text/javascript; charset=utf-8', bytes: Buffer.from('void 0; // the CORS lab\n') }),
};

interface Ctx {
  req: LabRequest;
  origins: Origins;
  run: string;
  scenario: string;
  step: number;
  hop: number;
}

function expand(value: string, ctx: Ctx): string {
  return value
    .replaceAll('{origin}', ctx.req.header('origin') ?? ctx.origins['same-origin'])
    .replaceAll('{page}', ctx.origins['same-origin'])
    .replaceAll('{run}', ctx.run)
    .replaceAll('{scenario}', ctx.scenario);
}

function hasHeader(headers: readonly HeaderLine[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

function bodyFor(spec: ResponseSpec, ctx: Ctx): { type: string; bytes: Buffer } {
  const body = spec.body ?? 'echo';
  if (typeof body === 'string' && body !== 'echo') return RESOURCES[body]();
  if (body === 'echo') {
    const echo: EchoBody = {
      scenario: ctx.scenario,
      step: ctx.step,
      hop: ctx.hop,
      method: ctx.req.method,
      origin: ctx.req.header('origin') ?? null,
      cookie: ctx.req.header('cookie') ?? null,
    };
    return { type: 'application/json', bytes: Buffer.from(JSON.stringify(echo)) };
  }
  return { type: 'text/plain; charset=utf-8', bytes: Buffer.from(body.text) };
}

function locationFor(spec: ResponseSpec, ctx: Ctx): string | null {
  if (!spec.redirect) return null;
  const base = new URL(ctx.origins[spec.redirect.to]);
  const auth = spec.redirect.userinfo ? `${spec.redirect.userinfo}@` : '';
  return `${base.protocol}//${auth}${base.host}${scenarioPath(ctx.scenario, ctx.step, ctx.hop + 1, ctx.run)}`;
}

/** Builds the concrete response for a spec: expands placeholders, adds Location and body headers. */
export function materialize(spec: ResponseSpec, ctx: Ctx): LabResponse {
  const given = spec.headers ?? [];
  const headers: [string, string][] = given.map(([n, v]) => [n, expand(v, ctx)]);
  const location = locationFor(spec, ctx);
  if (location !== null && !hasHeader(given, 'location')) headers.push(['Location', location]);
  if (!hasHeader(given, 'cache-control')) headers.push(['Cache-Control', 'no-store']);
  if (spec.abort) return { status: spec.status, headers, body: Buffer.alloc(0), abort: true };
  const noBody = spec.status === 204 || spec.status === 304 || ctx.req.method === 'HEAD';
  if (noBody) return { status: spec.status, headers, body: Buffer.alloc(0) };
  const { type, bytes } = bodyFor(spec, ctx);
  if (!hasHeader(given, 'content-type')) headers.push(['Content-Type', type]);
  headers.push(['Content-Length', String(bytes.length)]);
  return { status: spec.status, headers, body: bytes };
}

function notFound(text: string): LabResponse {
  const body = Buffer.from(text);
  return {
    status: 404,
    headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Cache-Control', 'no-store'], ['Content-Length', String(body.length)]],
    body,
  };
}

function specFor(scenario: Scenario, step: number, hop: number, method: string): ResponseSpec | null {
  const s = scenario.steps[step];
  if (!s) return null;
  const owner = s.sameUrlAs === undefined ? s : scenario.steps[s.sameUrlAs];
  const h = owner?.hops[hop];
  if (!h) return null;
  return method === 'OPTIONS' ? (h.preflight ?? NO_PREFLIGHT_HANDLER) : h.actual;
}

/** `/s/<id>/<step>/<hop>`: answer from the table. */
export function respondScenario(req: LabRequest, origins: Origins, table: readonly Scenario[] = LESSONS): LabResponse | null {
  const addr = parseScenarioPath(req.pathname);
  if (!addr) return null;
  const scenario = table.find((s) => s.id === addr.scenario);
  if (!scenario) return notFound(`unknown scenario ${addr.scenario}`);
  const spec = specFor(scenario, addr.step, addr.hop, req.method);
  if (!spec) return notFound(`scenario ${addr.scenario} has no step ${addr.step} hop ${addr.hop}`);
  const run = req.query.get('run') ?? '';
  return materialize(spec, { req, origins, run, scenario: addr.scenario, step: addr.step, hop: addr.hop });
}

/**
 * `/k/…`: WPT-style knobs. Query: acao (`origin` = echo the Origin), acac, acam, acah, aceh,
 * max_age, cc (Cache-Control; default no-store), status (actual), pstatus (preflight). Absent knobs
 * send nothing.
 */
export function respondKnobs(req: LabRequest, origins: Origins): LabResponse | null {
  if (!req.pathname.startsWith('/k/') && req.pathname !== '/k') return null;
  const q = req.query;
  const line = (param: string, name: string): HeaderLine[] => {
    const v = q.get(param);
    if (v === null) return [];
    return [[name, param === 'acao' && v === 'origin' ? '{origin}' : v]];
  };
  const acao = line('acao', 'Access-Control-Allow-Origin');
  const acac = line('acac', 'Access-Control-Allow-Credentials');
  const cc = line('cc', 'Cache-Control');
  const preflight = req.method === 'OPTIONS';
  const spec: ResponseSpec = preflight
    ? {
        status: Number(q.get('pstatus') ?? 204),
        headers: [...acao, ...acac, ...line('acam', 'Access-Control-Allow-Methods'), ...line('acah', 'Access-Control-Allow-Headers'), ...line('max_age', 'Access-Control-Max-Age'), ...cc],
      }
    : { status: Number(q.get('status') ?? 200), headers: [...acao, ...acac, ...line('aceh', 'Access-Control-Expose-Headers'), ...cc] };
  return materialize(spec, { req, origins, run: q.get('run') ?? '', scenario: 'knobs', step: 0, hop: 0 });
}
