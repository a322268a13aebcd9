/**
 * Runs one scenario's steps from a browser context (page, iframe or dedicated worker) and reports
 * what the page could observe. No DOM access except for the element step kinds (elements.ts).
 */
import type { HeaderLine, Scenario, Step, StepResult } from '../types.ts';
import { runElement } from './elements.ts';
import { scenarioPath, type Origins } from '../urls.ts';

export interface RunOptions {
  origins: Origins;
  run: string;
  /** Called after each step, e.g. to render progress. */
  onStep?: (result: StepResult) => void;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function readHeaders(step: Step, get: (name: string) => string | null): Record<string, string | null> | undefined {
  if (!step.readHeaders) return undefined;
  return Object.fromEntries(step.readHeaders.map((h) => [h, get(h)]));
}

/** `lines` appended one by one to a Headers object: a name given twice becomes one `a, b` value. */
function appendEach(lines: readonly HeaderLine[]): Headers {
  const headers = new Headers();
  for (const [n, v] of lines) headers.append(n, v);
  return headers;
}

async function runFetch(step: Step, index: number, url: string): Promise<StepResult> {
  const init: RequestInit & { targetAddressSpace?: string } = {};
  if (step.targetAddressSpace) init.targetAddressSpace = step.targetAddressSpace;
  if (step.method !== undefined) init.method = step.method;
  if (step.headers) init.headers = step.headersInit === 'headers-object' ? appendEach(step.headers) : step.headers.map(([n, v]): [string, string] => [n, v]);
  if (step.body !== undefined) init.body = step.body;
  if (step.credentials) init.credentials = step.credentials;
  if (step.mode) init.mode = step.mode;
  if (step.redirect) init.redirect = step.redirect;
  try {
    const r = await fetch(url, init);
    const result: StepResult = { step: index, url, ok: true, status: r.status, type: r.type, finalUrl: r.url };
    const read = readHeaders(step, (h) => r.headers.get(h));
    if (read) result.readHeaders = read;
    try {
      result.body = await r.text();
    } catch (e) {
      result.error = `body: ${errorText(e)}`;
    }
    return result;
  } catch (e) {
    return { step: index, url, ok: false, error: errorText(e) };
  }
}

function runXhr(step: Step, index: number, url: string): Promise<StepResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    try {
      xhr.open(step.method ?? 'GET', url);
      xhr.withCredentials = step.credentials === 'include';
      for (const [n, v] of step.headers ?? []) xhr.setRequestHeader(n, v);
    } catch (e) {
      resolve({ step: index, url, ok: false, error: errorText(e) });
      return;
    }
    xhr.onload = () => {
      const result: StepResult = { step: index, url, ok: true, status: xhr.status, finalUrl: xhr.responseURL, body: xhr.responseText };
      const read = readHeaders(step, (h) => xhr.getResponseHeader(h));
      if (read) result.readHeaders = read;
      resolve(result);
    };
    if (step.uploadListener) xhr.upload.onprogress = () => undefined;
    xhr.onerror = () => resolve({ step: index, url, ok: false, status: xhr.status, error: 'XMLHttpRequest error event (network/CORS failure)' });
    xhr.send(step.body ?? null);
  });
}

/** The URL a step starts at (steps with `sameUrlAs` reuse that step's URL). */
export function stepUrl(scenario: Scenario, index: number, origins: Origins, run: string): string {
  const step = scenario.steps[index];
  const key = step?.sameUrlAs ?? index;
  const owner = scenario.steps[key] ?? step;
  return `${origins[owner?.target ?? 'same-origin']}${scenarioPath(scenario.id, key, 0, run)}`;
}

/** Runs one step (after its `delayMs`). */
export async function runStep(scenario: Scenario, index: number, opts: RunOptions): Promise<StepResult> {
  const step = scenario.steps[index];
  if (!step) throw new Error(`${scenario.id} has no step ${index}`);
  if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
  const url = stepUrl(scenario, index, opts.origins, opts.run);
  const kind = step.kind ?? 'fetch';
  const startedAt = Date.now();
  const outcome = kind === 'fetch' ? await runFetch(step, index, url) : kind === 'xhr' ? await runXhr(step, index, url) : await runElement(kind, step, index, url);
  const result: StepResult = { ...outcome, startedAt, endedAt: Date.now() };
  opts.onStep?.(result);
  return result;
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const index of scenario.steps.keys()) results.push(await runStep(scenario, index, opts));
  return results;
}
