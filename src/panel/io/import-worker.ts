/**
 * Runs an import off the panel's main thread: HAR text in, `ImportResult` out (structured-cloned).
 * Loaded by ./import-har.ts as a module worker.
 */
import { importHarText, type ImportRequest } from './import-har.ts';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => scope.postMessage(importHarText(event.data.text, event.data.name));
