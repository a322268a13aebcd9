/**
 * Running the whole lab in one page: every scenario in turn, the fetches it planned (each with
 * the occurrence of its URL in the run), and scenarios grouped by the browser setup they need.
 */
import type { Scenario, StepKind, StepResult } from '../../lab/types.ts';

/** Runs one scenario in the lab page and returns what the page saw (`window.labRun`). */
export type ScenarioRunner = (id: string, run: string) => Promise<StepResult[]>;

export interface LabStepRun {
  scenario: Scenario;
  results: StepResult[];
  /** ms since the epoch, just before / after `labRun`. */
  startedAt: number;
  endedAt: number;
}

/**
 * Runs every scenario, one after another, in the one page. `afterScenario` lets a recorder wait
 * until the browser has reported everything about that scenario before the next one starts.
 */
export async function runScenarios(
  list: readonly Scenario[],
  run: string,
  runScenario: ScenarioRunner,
  afterScenario?: (done: LabStepRun) => Promise<void>,
): Promise<LabStepRun[]> {
  const out: LabStepRun[] = [];
  for (const scenario of list) {
    const startedAt = Date.now();
    const results = await runScenario(scenario.id, run);
    const done: LabStepRun = { scenario, results, startedAt, endedAt: Date.now() };
    if (results.length !== scenario.steps.length) {
      throw new Error(`labRun(${scenario.id}) returned ${results.length} results for ${scenario.steps.length} steps`);
    }
    if (afterScenario) await afterScenario(done);
    out.push(done);
  }
  return out;
}

/** One step with its page result and the occurrence index of its URL within the run. */
export interface PlannedFetch {
  scenario: Scenario;
  step: number;
  kind: StepKind;
  method: string;
  mode: string;
  url: string;
  occurrence: number;
  page: StepResult;
  /** When the scenario started running in the page (ms since the epoch). */
  scenarioStartedAt: number;
}

export function plannedFetches(runs: readonly LabStepRun[]): PlannedFetch[] {
  const seen = new Map<string, number>();
  const out: PlannedFetch[] = [];
  for (const r of runs) {
    for (const [i, result] of r.results.entries()) {
      const step = r.scenario.steps[i];
      if (!step) continue;
      const occurrence = seen.get(result.url) ?? 0;
      seen.set(result.url, occurrence + 1);
      const kind = step.kind ?? 'fetch';
      out.push({
        scenario: r.scenario,
        step: i,
        kind,
        method: step.method ?? 'GET',
        mode: step.mode ?? 'cors',
        url: result.url,
        occurrence,
        page: result,
        scenarioStartedAt: r.startedAt,
      });
    }
  }
  return out;
}

/** Groups scenarios by the browser setup they need, plain ones first, table order kept. */
export function groupBySetup<S extends { readonly browserSetup?: string }>(list: readonly S[]): { setup: S['browserSetup']; scenarios: S[] }[] {
  const groups = new Map<S['browserSetup'], S[]>();
  groups.set(undefined, []);
  for (const s of list) {
    const g = groups.get(s.browserSetup) ?? [];
    g.push(s);
    groups.set(s.browserSetup, g);
  }
  return [...groups].filter(([, g]) => g.length > 0).map(([setup, scenarios]) => ({ setup, scenarios }));
}
