/** Loads the scenario table and the origin map from the lab server that served this page. */
import type { Scenario } from '../types.ts';
import type { Origins } from '../urls.ts';

export interface Table {
  scenarios: readonly Scenario[];
  origins: Origins;
}

let loading: Promise<Table> | null = null;

async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(path, { cache: 'no-store' });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

export function loadTable(): Promise<Table> {
  loading ??= Promise.all([getJson<Scenario[]>('/scenarios.json'), getJson<Origins>('/origins.json')]).then(
    ([scenarios, origins]) => ({ scenarios, origins }),
  );
  return loading;
}

export async function scenarioById(id: string): Promise<{ scenario: Scenario; origins: Origins }> {
  const t = await loadTable();
  const scenario = t.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`unknown scenario: ${id}`);
  return { scenario, origins: t.origins };
}
