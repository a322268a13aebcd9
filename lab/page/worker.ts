/** /worker.js: a dedicated worker that runs a scenario's fetch steps on request. */
import type { StepResult } from '../types.ts';
import { newRunId } from '../urls.ts';
import { runScenario } from './runner.ts';
import { scenarioById } from './table.ts';

export interface WorkerRequest {
  reqId: number;
  id: string;
  run?: string;
  /** Only this step (frames only; the reply holds its one result). */
  step?: number;
}
export type WorkerReply = { reqId: number; results: StepResult[] } | { reqId: number; error: string };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

scope.onmessage = (e) => {
  const { reqId, id, run } = e.data;
  scenarioById(id)
    .then(({ scenario, origins }) => runScenario(scenario, { origins, run: run ?? newRunId(id) }))
    .then(
      (results) => scope.postMessage({ reqId, results }),
      (err: unknown) => scope.postMessage({ reqId, error: String(err) }),
    );
};
