/** /shared-worker.js: a shared worker that runs a scenario's fetch steps for any page that connects. */
import { answerRequest, type WorkerRequest } from './worker-protocol.ts';

const scope = globalThis as unknown as { onconnect: ((e: MessageEvent) => void) | null };

scope.onconnect = (e) => {
  const port = e.ports[0];
  if (port === undefined) return;
  port.onmessage = (m: MessageEvent<WorkerRequest>) => void answerRequest(m.data).then((reply) => port.postMessage(reply));
};
