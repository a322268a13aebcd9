/**
 * Import HAR: a file's text → exchange records through the shared HAR reader and evaluator, or
 * one clear message. Nothing here touches the store: the caller shows the result or the error.
 */
import { evaluateExchange } from '../../shared/cors/evaluate.ts';
import { parseHarText, readHarDocument } from '../../shared/har/index.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';

export type ImportResult = { readonly ok: true; readonly records: readonly ExchangeRecord[] } | { readonly ok: false; readonly message: string };

/** Records not tied to a browser tab. */
export const IMPORTED_TAB_ID = -1;

/** Called as exchanges are evaluated: `done` of `total`. */
export type OnProgress = (done: number, total: number) => void;

/** How many exchanges are evaluated between two progress reports. */
const PROGRESS_EVERY = 250;

export function importHarText(text: string, name: string, onProgress?: OnProgress): ImportResult {
  const parsed = parseHarText(text);
  if (!parsed.ok) {
    const at = parsed.error.path === null ? '' : ` (at ${parsed.error.path})`;
    return { ok: false, message: `Could not import ${name}: ${parsed.error.message}${at}. The current log is unchanged.` };
  }
  const capture = readHarDocument(parsed.value);
  const total = capture.exchanges.length;
  const records = capture.exchanges.map((exchange, seq): ExchangeRecord => {
    if (seq % PROGRESS_EVERY === 0) onProgress?.(seq, total);
    return { id: `har:${exchange.id}`, tabId: IMPORTED_TAB_ID, seq, pending: false, exchange, verdict: evaluateExchange(exchange) };
  });
  onProgress?.(total, total);
  return { ok: true, records };
}

export interface ImportRequest {
  readonly text: string;
  readonly name: string;
}

/** What the import worker posts: progress reports, then the result. */
export type ImportWorkerMessage = { readonly kind: 'progress'; readonly done: number; readonly total: number } | { readonly kind: 'result'; readonly result: ImportResult };

export interface ImportOptions {
  readonly onProgress?: OnProgress;
  /** Aborting stops the import (the worker is terminated); the promise then resolves to null. */
  readonly signal?: AbortSignal;
}

/**
 * Reads and evaluates in a module worker, so a large HAR does not freeze the panel and can be
 * cancelled; null when workers are unavailable (the caller then imports on the main thread).
 */
function importInWorker(request: ImportRequest, options: ImportOptions): Promise<ImportResult | null> | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'har-import' });
  } catch {
    return null;
  }
  return new Promise<ImportResult | null>((resolve) => {
    options.signal?.addEventListener('abort', () => resolve(null));
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') options.onProgress?.(message.done, message.total);
      else resolve(message.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // The worker could not run (e.g. blocked by policy): fall back to the main thread.
      resolve(importHarText(request.text, request.name, options.onProgress));
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/** Imports a HAR file; null when cancelled through `options.signal`. */
export async function importHarFile(file: File, options: ImportOptions = {}): Promise<ImportResult | null> {
  try {
    const request = { text: await file.text(), name: file.name };
    if (options.signal?.aborted) return null;
    const inWorker = importInWorker(request, options);
    if (inWorker !== null) return await inWorker;
    // On the main thread the evaluation cannot be interrupted; a cancel discards its result.
    const result = importHarText(request.text, request.name, options.onProgress);
    return options.signal?.aborted ? null : result;
  } catch (error) {
    return { ok: false, message: `Could not import ${file.name}: ${error instanceof Error ? error.message : String(error)}. The current log is unchanged.` };
  }
}
