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

export function importHarText(text: string, name: string): ImportResult {
  const parsed = parseHarText(text);
  if (!parsed.ok) {
    const at = parsed.error.path === null ? '' : ` (at ${parsed.error.path})`;
    return { ok: false, message: `Could not import ${name}: ${parsed.error.message}${at}. The current log is unchanged.` };
  }
  const capture = readHarDocument(parsed.value);
  const records = capture.exchanges.map(
    (exchange, seq): ExchangeRecord => ({
      id: `har:${exchange.id}`,
      tabId: IMPORTED_TAB_ID,
      seq,
      pending: false,
      exchange,
      verdict: evaluateExchange(exchange),
    }),
  );
  return { ok: true, records };
}

export interface ImportRequest {
  readonly text: string;
  readonly name: string;
}

/**
 * Reads and evaluates in a module worker, so a large HAR does not freeze the panel; null when
 * workers are unavailable (the caller then imports on the main thread).
 */
function importInWorker(request: ImportRequest): Promise<ImportResult> | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'har-import' });
  } catch {
    return null;
  }
  return new Promise<ImportResult>((resolve) => {
    worker.onmessage = (event: MessageEvent<ImportResult>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      // The worker could not run (e.g. blocked by policy): fall back to the main thread.
      resolve(importHarText(request.text, request.name));
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

export async function importHarFile(file: File): Promise<ImportResult> {
  try {
    const request = { text: await file.text(), name: file.name };
    return (await importInWorker(request)) ?? importHarText(request.text, request.name);
  } catch (error) {
    return { ok: false, message: `Could not import ${file.name}: ${error instanceof Error ? error.message : String(error)}. The current log is unchanged.` };
  }
}
