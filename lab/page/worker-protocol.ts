/** What the lab page and its workers (dedicated, module, shared, service) and frames say to each other. */
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

/** Runs the requested scenario in this context (a worker's fetch steps) and builds the reply. */
export function answerRequest({ reqId, id, run }: WorkerRequest): Promise<WorkerReply> {
  return scenarioById(id)
    .then(({ scenario, origins }) => runScenario(scenario, { origins, run: run ?? newRunId(id) }))
    .then(
      (results) => ({ reqId, results }),
      (err: unknown) => ({ reqId, error: String(err) }),
    );
}
