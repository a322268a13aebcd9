/**
 * Runs an import off the panel's main thread: HAR text in, `ImportResult` out (structured-cloned).
 * Loaded by ./import-har.ts as a module worker.
 */
import { importHarText, type ImportRequest, type ImportWorkerMessage } from './import-har.ts';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: unknown): void;
};

const post = (message: ImportWorkerMessage): void => scope.postMessage(message);

scope.onmessage = (event) => {
  const result = importHarText(event.data.text, event.data.name, (done, total) => post({ kind: 'progress', done, total }));
  post({ kind: 'result', result });
};
