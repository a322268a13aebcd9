/** /worker.js (classic) and /module-worker.js (module): a dedicated worker that runs a scenario's fetch steps on request. */
import { answerRequest, type WorkerRequest, type WorkerReply } from './worker-protocol.ts';

export type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

scope.onmessage = (e) => void answerRequest(e.data).then((reply) => scope.postMessage(reply));
