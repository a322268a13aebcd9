/**
 * /frame.html: exposes `labRun`/`labRunStep` inside an iframe, so fetches come from a frame. A
 * cross-origin parent can't call them directly, so the frame also answers `WorkerRequest`
 * messages from its parent with a `WorkerReply`.
 */
import { newRunId } from '../urls.ts';
import './globals.ts';
import { runScenario, runStep } from './runner.ts';
import { loadTable, scenarioById } from './table.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

window.labReady = loadTable().then(() => undefined);
window.labRun = async (id, run) => {
  const { scenario, origins } = await scenarioById(id);
  return runScenario(scenario, { origins, run: run ?? newRunId(id) });
};
window.labRunStep = async (id, index, run) => {
  const { scenario, origins } = await scenarioById(id);
  return runStep(scenario, index, { origins, run });
};
const status = document.getElementById('status');
void window.labReady.then(() => {
  if (status) status.textContent = 'frame ready';
});

window.addEventListener('message', (e: MessageEvent<WorkerRequest>) => {
  if (e.source !== window.parent || typeof e.data?.id !== 'string') return;
  const { reqId, id, run, step } = e.data;
  const reply = (m: WorkerReply): void => window.parent.postMessage(m, '*');
  const results = step === undefined ? window.labRun(id, run) : window.labRunStep(id, step, run ?? newRunId(id)).then((r) => [r]);
  results.then(
    (results) => reply({ reqId, results }),
    (err: unknown) => reply({ reqId, error: String(err) }),
  );
});
