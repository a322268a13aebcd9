/**
 * The differential harness's shared half: the HAR 1.2 shapes both recorders write, the oracle
 * files (what the real browser decided, kept apart from the HAR), running the whole lab in one
 * page, and comparing a CLI report with the oracle.
 *
 * The browser is the judge. Nothing here reads a scenario's `hypothesis`: the expected values come
 * only from what the browser reported (CDP `corsErrorStatus`, Firefox's console service).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Scenario, StepKind, StepResult } from '../../lab/types.ts';

// ─────────────────────────────── HAR 1.2 ───────────────────────────────

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string | null;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
}

export interface HarPostData {
  mimeType: string;
  text: string;
  params?: HarNameValue[];
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: HarNameValue[];
  queryString: HarNameValue[];
  cookies: HarCookie[];
  headersSize: number;
  bodySize: number;
  postData?: HarPostData;
}

export interface HarContent {
  size: number;
  mimeType: string;
  compression?: number;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: HarNameValue[];
  cookies: HarCookie[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  /** Chrome: bytes on the wire. */
  _transferSize?: number;
  /** Chrome: the network error (`net::ERR_FAILED`), null when the request succeeded. */
  _error?: string | null;
  _fetchedViaServiceWorker?: boolean;
}

export interface HarTimings {
  blocked: number;
  dns: number;
  ssl?: number;
  connect: number;
  send: number;
  wait: number;
  receive: number;
  _blocked_queueing?: number;
}

/** Chrome's `_initiator` (a copy of CDP `Network.Initiator`). */
export interface HarInitiator {
  type: string;
  url?: string;
  requestId?: string;
  lineNumber?: number;
  stack?: unknown;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  // Chrome-specific
  _initiator?: HarInitiator | null;
  _priority?: string | null;
  _resourceType?: string;
  _fromCache?: 'memory' | 'disk';
  _connectionId?: string;
  // Firefox-specific
  _securityState?: string;
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string };
    browser?: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
  };
}

// ─────────────────────────────── oracle ───────────────────────────────

export type Outcome = 'allowed' | 'blocked' | 'not-cors';

/** CDP `Network.loadingFailed.corsErrorStatus`. */
export interface ChromiumCorsStatus {
  corsError: string;
  failedParameter: string;
}

/** One CORS message from Firefox's console service. */
export interface FirefoxCorsMessage {
  /** The property key, message-version digit included (`CORSMissingAllowOrigin2`). */
  category: string;
  /** `category` without its trailing message-version digit (`CORSMissingAllowOrigin`). */
  reason: string;
  message: string;
  /** The URL the message names. */
  url: string;
  /** nsIScriptError flags (0 error, 1 warning). */
  flags: number;
  timeStamp: number;
}

/** One lab step as the real browser handled it. */
export interface OracleFetch {
  scenario: string;
  step: number;
  kind: StepKind;
  /** The fetch's first URL (report exchanges are identified by it). */
  url: string;
  method: string;
  /** 0 for the first fetch of this URL in the run, 1 for the second (preflight-cache steps reuse URLs)… */
  occurrence: number;
  /** Every URL the browser requested for it, redirects included (preflights excluded). */
  chain: string[];
  /** What the page observed (fetch/XHR/img result). */
  page: StepResult;
  /** Request ids of the browser's records for this fetch (CDP requestId / BiDi request id). */
  requestIds: string[];
  /** False when the browser's network events never mentioned this fetch (the oracle cannot judge it). */
  observed: boolean;
  /** The browser's network error (`net::ERR_FAILED`, `NS_ERROR_DOM_BAD_URI`), null when none. */
  errorText: string | null;
  /** Chromium only: CDP `corsErrorStatus`, null when Chromium reported none. */
  chromium?: ChromiumCorsStatus | null;
  /** Firefox only: the blocking reason (first non-warning CORS message for this fetch), null when none. */
  firefox?: FirefoxCorsMessage | null;
  /** Firefox only: every CORS console message attributed to this fetch, in order (warnings too). */
  firefoxMessages?: FirefoxCorsMessage[];
  /**
   * The browser's decision in report terms: `blocked` when the page could not read the response
   * (the browser failed the fetch: a CORS verdict, or a network error it surfaced as a TypeError),
   * else `not-cors` / `allowed` by response tainting (see unblockedOutcome).
   */
  outcome: Outcome;
}

export interface Oracle {
  browser: 'chromium' | 'firefox';
  browserVersion: string;
  userAgent: string;
  run: string;
  pageOrigin: string;
  recordedAt: string;
  fetches: OracleFetch[];
  /** Firefox only: CORS console messages no lab fetch explains (the recorder could not place them). */
  unattributedMessages?: FirefoxCorsMessage[];
}

// ─────────────────────────────── running the lab ───────────────────────────────

/** Runs one scenario in the lab page and returns what the page saw (`window.labRun`). */
export type ScenarioRunner = (id: string, run: string) => Promise<StepResult[]>;

export interface LabStepRun {
  scenario: Scenario;
  results: StepResult[];
  /** ms since the epoch, just before / after `labRun`. */
  startedAt: number;
  endedAt: number;
}

/**
 * Runs every scenario, one after another, in the one page. `afterScenario` lets a recorder wait
 * until the browser has reported everything about that scenario before the next one starts.
 */
export async function runScenarios(
  list: readonly Scenario[],
  run: string,
  runScenario: ScenarioRunner,
  afterScenario?: (done: LabStepRun) => Promise<void>,
): Promise<LabStepRun[]> {
  const out: LabStepRun[] = [];
  for (const scenario of list) {
    const startedAt = Date.now();
    const results = await runScenario(scenario.id, run);
    const done: LabStepRun = { scenario, results, startedAt, endedAt: Date.now() };
    if (results.length !== scenario.steps.length) {
      throw new Error(`labRun(${scenario.id}) returned ${results.length} results for ${scenario.steps.length} steps`);
    }
    if (afterScenario) await afterScenario(done);
    out.push(done);
  }
  return out;
}

/** One step with its page result and the occurrence index of its URL within the run. */
export interface PlannedFetch {
  scenario: Scenario;
  step: number;
  kind: StepKind;
  method: string;
  mode: string;
  url: string;
  occurrence: number;
  page: StepResult;
  /** When the scenario started running in the page (ms since the epoch). */
  scenarioStartedAt: number;
}

export function plannedFetches(runs: readonly LabStepRun[]): PlannedFetch[] {
  const seen = new Map<string, number>();
  const out: PlannedFetch[] = [];
  for (const r of runs) {
    for (const [i, result] of r.results.entries()) {
      const step = r.scenario.steps[i];
      if (!step) continue;
      const occurrence = seen.get(result.url) ?? 0;
      seen.set(result.url, occurrence + 1);
      const kind = step.kind ?? 'fetch';
      out.push({
        scenario: r.scenario,
        step: i,
        kind,
        method: step.method ?? 'GET',
        mode: step.mode ?? 'cors',
        url: result.url,
        occurrence,
        page: result,
        scenarioStartedAt: r.startedAt,
      });
    }
  }
  return out;
}

/**
 * The fields of an oracle row that restate the planned fetch and the browser's first request for
 * it (`requestId` undefined when the browser's network events never mentioned the fetch).
 */
export function plannedRow(
  p: PlannedFetch,
  chain: string[],
  requestId: string | undefined,
  errorText: string | null,
): Omit<OracleFetch, 'chromium' | 'firefox' | 'firefoxMessages' | 'outcome'> {
  return {
    scenario: p.scenario.id,
    step: p.step,
    kind: p.kind,
    url: p.url,
    method: p.method,
    occurrence: p.occurrence,
    chain,
    page: p.page,
    requestIds: requestId !== undefined ? [requestId] : [],
    observed: requestId !== undefined,
    errorText,
  };
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * The outcome of a fetch the browser did not fail for a CORS reason: `not-cors` when the CORS
 * protocol never applied (mode `no-cors`, or every URL of the chain same-origin with the page —
 * response tainting stays "basic"), `allowed` otherwise.
 * https://fetch.spec.whatwg.org/#concept-request-response-tainting
 */
export function unblockedOutcome(mode: string, chain: readonly string[], pageOrigin: string): Outcome {
  if (mode === 'no-cors' || mode === 'navigate') return 'not-cors';
  return chain.every((u) => originOf(u) === pageOrigin) ? 'not-cors' : 'allowed';
}

/**
 * The outcome of a fetch: `blocked` when the browser reported a CORS failure, or when the page got
 * no readable response from a fetch CORS governed; otherwise as `unblockedOutcome`. A page
 * failure outside CORS is no CORS verdict: `not-cors`, as the report says. That is a same-origin
 * or no-cors fetch that hit a network error or its redirect mode (found by lab/fuzz.ts), and a
 * fetch whose request went out and got no response at all (`belowCors`: the connection failed,
 * https://fetch.spec.whatwg.org/#concept-network-error) — the page sees a TypeError either way,
 * but no CORS check ever ran.
 */
export function fetchOutcome(reportedCorsFailure: boolean, belowCors: boolean, pageOk: boolean, mode: string, chain: readonly string[], pageOrigin: string): Outcome {
  if (reportedCorsFailure) return 'blocked';
  if (belowCors && !pageOk) return 'not-cors';
  const unblocked = unblockedOutcome(mode, chain, pageOrigin);
  return !pageOk && unblocked !== 'not-cors' ? 'blocked' : unblocked;
}

/**
 * A network-level error of the browser's (`net::ERR_EMPTY_RESPONSE`, `NS_ERROR_NET_RESET`), not
 * one that stands for a CORS or policy refusal (Chromium's `net::ERR_FAILED`, Firefox's
 * `NS_ERROR_DOM_BAD_URI`) or a cancellation (`net::ERR_ABORTED`, `NS_BINDING_ABORTED`).
 */
export function isNetworkLevelError(errorText: string | null): boolean {
  if (errorText === null || !/^net::ERR_|^NS_ERROR_/.test(errorText)) return false;
  return !['net::ERR_FAILED', 'net::ERR_ABORTED', 'NS_ERROR_DOM_BAD_URI', 'NS_BINDING_ABORTED'].includes(errorText);
}

// ─────────────────────────────── comparing with a report ───────────────────────────────

/** What the differential test reads from one report exchange (the report is read as unknown data). */
export interface ReportedExchange {
  url: string;
  method: string;
  outcome: string | null;
  chromiumCorsError: string | null;
  chromiumFailedParameter: string | null;
  firefoxReason: string | null;
  /** The report's reason code (`blocked-cause-not-visible` when it says the cause is unknown). */
  code?: string | null;
  /** The codes of the report's inferred facts (`inferred[].code`), never their wording. */
  factCodes?: readonly string[];
  /** True when the report says Chromium and Firefox decide differently. */
  browsersDisagree?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Pulls `exchanges[]` out of a report (`analyzeHar` result or the CLI's JSON). */
export function reportedExchanges(report: unknown): ReportedExchange[] {
  if (!isRecord(report) || !Array.isArray(report.exchanges)) {
    throw new Error('report has no exchanges[] array');
  }
  return report.exchanges.map((x: unknown, i) => {
    if (!isRecord(x) || !isRecord(x.request) || !isRecord(x.verdict)) {
      throw new Error(`report exchanges[${i}] lacks request/verdict`);
    }
    return {
      url: str(x.request.url) ?? '',
      method: str(x.request.method) ?? '',
      outcome: str(x.verdict.outcome),
      chromiumCorsError: str(x.verdict.chromiumCorsError),
      chromiumFailedParameter: str(x.verdict.chromiumFailedParameter),
      firefoxReason: str(x.verdict.firefoxReason),
      code: str(x.verdict.code),
      browsersDisagree: x.verdict.browsersDisagree === true,
      factCodes: Array.isArray(x.inferred) ? x.inferred.flatMap((f: unknown) => (isRecord(f) && typeof f.code === 'string' ? [f.code] : [])) : [],
    };
  });
}

export interface Mismatch {
  scenario: string;
  /** The step, or -1 for an exchange that matches no step. */
  step: number;
  url: string;
  field: 'exchange' | 'outcome' | 'chromiumCorsError' | 'chromiumFailedParameter' | 'firefoxReason';
  expected: string;
  got: string;
}

const show = (v: string | null | undefined): string => (v === null || v === undefined ? 'null' : JSON.stringify(v));

/** The report exchange for an oracle fetch: the n-th exchange whose first URL is the fetch's. */
export function findExchange(exchanges: readonly ReportedExchange[], url: string, occurrence: number): ReportedExchange | undefined {
  return exchanges.filter((x) => x.url === url)[occurrence];
}

/** Every disagreement between the report and the browser for the given oracle fetches. */
export function compareWithOracle(
  exchanges: readonly ReportedExchange[],
  fetches: readonly OracleFetch[],
  browser: 'chromium' | 'firefox',
): Mismatch[] {
  return [...compareFetches(fetches, browser, (f) => findExchange(exchanges, f.url, f.occurrence)), ...extraExchanges(exchanges, fetches)];
}

/**
 * Every disagreement between the browser's oracle and what `exchangeFor` reports for each of its
 * fetches (undefined: the report has no exchange for it).
 */
export function compareFetches(
  fetches: readonly OracleFetch[],
  browser: 'chromium' | 'firefox',
  exchangeFor: (f: OracleFetch) => ReportedExchange | undefined,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const f of fetches) {
    const base = { scenario: f.scenario, step: f.step, url: f.url };
    const x = exchangeFor(f);
    if (!f.observed) {
      // The browser refused it before any request existed: no network event, so no HAR entry,
      // and the report must not invent an exchange for it.
      if (x) out.push({ ...base, field: 'exchange', expected: 'no exchange (the browser logged no request)', got: `an exchange (${show(x.outcome)})` });
      continue;
    }
    if (!x) {
      out.push({ ...base, field: 'exchange', expected: `an exchange for ${f.method} ${f.url} (#${f.occurrence + 1})`, got: 'none' });
      continue;
    }
    if (x.outcome !== f.outcome) out.push({ ...base, field: 'outcome', expected: f.outcome, got: show(x.outcome) });
    if (browser === 'chromium') {
      const want = f.chromium ?? null;
      if (x.chromiumCorsError !== (want?.corsError ?? null)) {
        out.push({ ...base, field: 'chromiumCorsError', expected: show(want?.corsError ?? null), got: show(x.chromiumCorsError) });
      } else if (want && want.failedParameter !== '' && x.chromiumFailedParameter !== want.failedParameter) {
        out.push({ ...base, field: 'chromiumFailedParameter', expected: show(want.failedParameter), got: show(x.chromiumFailedParameter) });
      }
    } else {
      const want = f.firefox?.reason ?? null;
      if (x.firefoxReason !== want) out.push({ ...base, field: 'firefoxReason', expected: show(want), got: show(x.firefoxReason) });
    }
  }
  return out;
}

// ─────────────────────────────── predicting the other browser ───────────────────────────────

/**
 * The outcome a report predicts for the browser that did not record the HAR: `verdict.outcome` is
 * the recorder's, and `browsersDisagree` says whether the other browser decides the other way.
 * `not-cors` holds for both (the classification does not depend on the browser).
 */
export function predictedOutcome(x: ReportedExchange): string | null {
  if (x.outcome !== 'allowed' && x.outcome !== 'blocked') return x.outcome;
  return (x.outcome === 'allowed') !== (x.browsersDisagree === true) ? 'allowed' : 'blocked';
}

/** A lab step's identity across runs (URLs differ by run id; scenario and step do not). */
const stepKey = (f: Pick<OracleFetch, 'scenario' | 'step'>): string => `${f.scenario}#${f.step}`;

/**
 * Reads a report of one browser's recording as a prediction for another run of the same lab (in
 * the other browser): for an oracle fetch of that run, the recorder's exchange for the same
 * scenario and step, with `outcome` replaced by the outcome predicted for the other browser.
 * Undefined when the recorder's browser made no request for that step (nothing in its HAR).
 * Pass it to `compareFetches` with the other browser's oracle rows.
 */
export function predictionsFrom(
  exchanges: readonly ReportedExchange[],
  recorderFetches: readonly OracleFetch[],
): (other: OracleFetch) => ReportedExchange | undefined {
  const byStep = new Map(recorderFetches.map((f) => [stepKey(f), f]));
  return (other) => {
    const own = byStep.get(stepKey(other));
    const x = own?.observed ? findExchange(exchanges, own.url, own.occurrence) : undefined;
    return x && { ...x, outcome: predictedOutcome(x) };
  };
}

/**
 * Exchanges the report made up: one exchange per fetch, so an exchange whose first URL belongs to
 * a scenario (`/s/<id>/…`) but is not one of its fetches' first URLs (or comes more often than
 * the fetches) means the HAR reader split a fetch, or turned a preflight into an exchange.
 */
function extraExchanges(exchanges: readonly ReportedExchange[], fetches: readonly OracleFetch[]): Mismatch[] {
  const out: Mismatch[] = [];
  for (const id of new Set(fetches.map((f) => f.scenario))) {
    const want = new Map<string, number>();
    for (const f of fetches) if (f.scenario === id && f.observed) want.set(f.url, (want.get(f.url) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const x of exchanges) {
      if (!x.url.includes(`/s/${id}/`)) continue;
      const n = (seen.get(x.url) ?? 0) + 1;
      seen.set(x.url, n);
      if (n > (want.get(x.url) ?? 0)) {
        out.push({ scenario: id, step: -1, url: x.url, field: 'exchange', expected: 'no such exchange (not a fetch of the scenario)', got: `${x.method} exchange, outcome ${show(x.outcome)}` });
      }
    }
  }
  return out;
}

/** A plain-text table: one row per mismatch. */
export function formatMismatchTable(rows: readonly Mismatch[]): string {
  if (rows.length === 0) return '(no mismatches)';
  const head = ['scenario', 'step', 'field', 'expected (browser)', 'got (report)', 'url'];
  const body = rows.map((r) => [r.scenario, r.step < 0 ? '-' : String(r.step), r.field, r.expected, r.got, r.url]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

// ─────────────────────────────── waiting without sleeping ───────────────────────────────

/**
 * Resolves when `check()` returns true, re-checking whenever `subscribe`'s callback fires;
 * rejects with `describe()` after `timeoutMs`.
 */
export function waitForCondition(
  check: () => boolean,
  subscribe: (onChange: () => void) => () => void,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const unsubscribe = subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
  });
}

/** A tiny change notifier for recorders. */
export class Notifier {
  private listeners = new Set<() => void>();
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  notify(): void {
    for (const fn of [...this.listeners]) fn();
  }
}

/** `name: value` pairs → HAR query string. */
export function queryStringOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** Parses `Set-Cookie` lines into HAR cookies (name, value and the usual attributes). */
export function parseSetCookies(headers: readonly HarNameValue[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'set-cookie') continue;
    for (const line of h.value.split('\n')) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const cookie: HarCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
      for (const a of attrs) {
        const [k = '', ...v] = a.split('=');
        const key = k.trim().toLowerCase();
        const val = v.join('=').trim();
        if (key === 'path') cookie.path = val;
        else if (key === 'domain') cookie.domain = val;
        else if (key === 'expires') cookie.expires = val;
        else if (key === 'httponly') cookie.httpOnly = true;
        else if (key === 'secure') cookie.secure = true;
        else if (key === 'samesite') cookie.sameSite = val;
      }
      out.push(cookie);
    }
  }
  return out;
}

// ─────────────────────────────── the real CLI ───────────────────────────────

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/cors-inspector.mjs analyze <file> --format json` (the path users take). */
export function runCliAnalyze(root: string, harFile: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/cors-inspector.mjs'), 'analyze', harFile, '--format', 'json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Writes `har` as `<fileName>` in a temporary directory and runs the real CLI on it (see runCliAnalyze). */
export async function runCliAnalyzeHar(root: string, har: Har, fileName: string): Promise<CliRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cors-inspector-diff-'));
  try {
    const file = path.join(dir, fileName);
    writeFileSync(file, JSON.stringify(har));
    return await runCliAnalyze(root, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ─────────────────────────────── a differential suite ───────────────────────────────

/** What a differential suite recorded: the HAR (no answer in it) and the browser's oracle. */
export interface LabRecording {
  har: Har;
  oracle: Oracle;
}

/** CORS_DIFF_OUT=<dir> keeps a run's HAR and oracle for a closer look (`<name>.har`, `<name>.oracle.json`). */
export function keepRecording(name: string, rec: LabRecording): void {
  const out = process.env.CORS_DIFF_OUT;
  if (!out) return;
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, `${name}.har`), JSON.stringify(rec.har, null, 2));
  writeFileSync(path.join(out, `${name}.oracle.json`), JSON.stringify(rec.oracle, null, 2));
}

/** The summary a differential suite prints at its end: one header line, then every mismatch. */
export function differentialSummary(browser: string, rec: LabRecording, mismatches: readonly Mismatch[]): string {
  const header = `${browser} ${rec.oracle.browserVersion} differential: ${mismatches.length} mismatch(es) over ${rec.oracle.fetches.length} fetches`;
  return `${header}\n${formatMismatchTable(mismatches)}`;
}

/** The verdict fields the differential test compares, per exchange, for comparing two reports. */
export function verdictTuples(exchanges: readonly ReportedExchange[]): string[] {
  return exchanges.map((x) => [x.method, x.url, x.outcome, x.chromiumCorsError, x.chromiumFailedParameter, x.firefoxReason].map(String).join(' '));
}

/**
 * One HAR from several recordings of the same browser (one per page load / browser setup), as
 * DevTools writes a log that was preserved across page loads: every page listed, entries in start
 * order, each still pointing at its page.
 */
export function mergeHars(hars: readonly Har[]): Har {
  const [first] = hars;
  if (!first) throw new Error('mergeHars: nothing to merge');
  const entries = hars.flatMap((h) => h.log.entries);
  const at = (e: HarEntry): number => Date.parse(e.startedDateTime);
  const order = new Map(entries.map((e, i) => [e, i]));
  entries.sort((a, b) => at(a) - at(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return {
    log: {
      ...first.log,
      pages: hars.flatMap((h) => h.log.pages),
      entries,
    },
  };
}

/** Groups scenarios by the browser setup they need, plain ones first, table order kept. */
export function groupBySetup<S extends { readonly browserSetup?: string }>(list: readonly S[]): { setup: S['browserSetup']; scenarios: S[] }[] {
  const groups = new Map<S['browserSetup'], S[]>();
  groups.set(undefined, []);
  for (const s of list) {
    const g = groups.get(s.browserSetup) ?? [];
    g.push(s);
    groups.set(s.browserSetup, g);
  }
  return [...groups].filter(([, g]) => g.length > 0).map(([setup, scenarios]) => ({ setup, scenarios }));
}
