/**
 * Small builders for the scenario table, so each row reads as "what the server says".
 * They only produce plain data (see types.ts); nothing here runs at request time.
 */
import type { HeaderLine, Hop, ResourceBody, ResponseSpec, Step, StepKind, TargetKind } from './types.ts';

export const H = {
  acaoOrigin: ['Access-Control-Allow-Origin', '{origin}'],
  acaoPage: ['Access-Control-Allow-Origin', '{page}'],
  acaoStar: ['Access-Control-Allow-Origin', '*'],
  acaoNull: ['Access-Control-Allow-Origin', 'null'],
  acacTrue: ['Access-Control-Allow-Credentials', 'true'],
  varyOrigin: ['Vary', 'Origin'],
  acao: (v: string): HeaderLine => ['Access-Control-Allow-Origin', v],
  acac: (v: string): HeaderLine => ['Access-Control-Allow-Credentials', v],
  acam: (v: string): HeaderLine => ['Access-Control-Allow-Methods', v],
  acah: (v: string): HeaderLine => ['Access-Control-Allow-Headers', v],
  aceh: (v: string): HeaderLine => ['Access-Control-Expose-Headers', v],
  maxAge: (v: string): HeaderLine => ['Access-Control-Max-Age', v],
  setCookie: (v: string): HeaderLine => ['Set-Cookie', v],
} as const satisfies Record<string, HeaderLine | ((v: string) => HeaderLine)>;

/** A response with the given status and header lines. */
export function res(status: number, ...headers: HeaderLine[]): ResponseSpec {
  return { status, headers };
}

/** 200 with the given header lines. */
export function ok(...headers: HeaderLine[]): ResponseSpec {
  return res(200, ...headers);
}

/** What a step of each kind loads: a body that decodes as that resource (`echo` for fetch and XHR). */
export const BODY_OF: Readonly<Record<StepKind, ResourceBody | 'echo'>> = {
  fetch: 'echo',
  xhr: 'echo',
  img: 'gif',
  stylesheet: 'css',
  'font-face': 'font',
  'font-css': 'font',
  script: 'script',
  module: 'script',
};

/** The element kinds: requests an element makes, not script (see `StepKind`). */
export function isElementKind(kind: StepKind | undefined): boolean {
  return kind !== undefined && kind !== 'fetch' && kind !== 'xhr';
}

/**
 * Whether an element step asks only what an element can ask: a GET with no page-set header or
 * body; a font has no crossorigin (always cors, credentials same-origin) and a module script is
 * never no-cors; and its last hop answers 200 with what the element loads, so only CORS (or the
 * network) can fail it. Fetch and XHR steps always can.
 */
export function isRunnableStep(step: Step): boolean {
  const kind = step.kind ?? 'fetch';
  if (!isElementKind(kind)) return true;
  const plainGet = step.method === undefined && step.headers === undefined && step.body === undefined && step.redirect === undefined;
  const font = kind === 'font-face' || kind === 'font-css';
  const attributes = font ? step.credentials === undefined && step.mode === undefined : step.mode !== 'same-origin' && !(kind === 'module' && step.mode === 'no-cors');
  const last = step.hops[step.hops.length - 1];
  const decodes = last === undefined || last.actual.redirect !== undefined || (last.actual.status === 200 && last.actual.body === BODY_OF[kind]);
  return plainGet && attributes && decodes;
}

/** A 200 with the given header lines carrying what a `kind` step loads (so only CORS can fail it). */
export function loads(kind: StepKind, ...headers: HeaderLine[]): ResponseSpec {
  return { status: 200, headers, body: BODY_OF[kind] };
}

/** A redirect to the next hop at `to`. */
export function redirectTo(status: number, to: TargetKind, ...headers: HeaderLine[]): ResponseSpec {
  return { status, headers, redirect: { to } };
}

/** A hop that answers the actual request only (no preflight expected). */
export function hop(actual: ResponseSpec, preflight?: ResponseSpec): Hop {
  return preflight ? { actual, preflight } : { actual };
}

/** A preflight answer: 204 plus the given header lines. */
export function pre(...headers: HeaderLine[]): ResponseSpec {
  return res(204, ...headers);
}

/** A one-hop step. */
export function step(
  target: TargetKind,
  actual: ResponseSpec,
  more: Partial<Omit<Step, 'target' | 'hops'>> & { preflight?: ResponseSpec } = {},
): Step {
  const { preflight, ...rest } = more;
  return { target, hops: [hop(actual, preflight)], ...rest };
}
