/**
 * A report's structured server fix (`fix.server`, docs/report-format.md) applied to the lab's
 * answers: each change's URL names its scenario, step and hop (`/s/<id>/<step>/<hop>`), `OPTIONS`
 * its preflight answer, any other method its actual answer. Header lines replace same-named lines
 * of that answer; a named origin in `Access-Control-Allow-Origin` becomes `{origin}` (the Origin
 * the browser sent, which is the origin the fix names: the lab runs on other ports than the
 * recording); a status that is no longer 3xx drops the redirect.
 */
import { parseScenarioPath } from '../../lab/urls.ts';
import type { HeaderLine, Hop, ResponseSpec, Scenario, Step } from '../../lab/types.ts';
import type { ReportServerChange } from '../../src/shared/report/index.ts';
import { splitHeaderLine } from '../../src/shared/cors/fix/types.ts';
import { isTupleOrigin } from '../../src/shared/http/origin.ts';

/** What the lab answers at a URL nobody configured a preflight for (lab/respond.ts). */
const NO_PREFLIGHT: ResponseSpec = { status: 404 };

function labLine(line: string): HeaderLine {
  const parts = splitHeaderLine(line);
  if (parts === null) throw new Error(`not a header line: ${line}`);
  const value = parts.name.toLowerCase() === 'access-control-allow-origin' && isTupleOrigin(parts.value) ? '{origin}' : parts.value;
  return [parts.name, value];
}

function changedSpec(spec: ResponseSpec, change: ReportServerChange): ResponseSpec {
  const lines = change.headers.map(labLine);
  const names = new Set(lines.map(([name]) => name.toLowerCase()));
  const status = change.status ?? spec.status;
  const { redirect, ...rest } = spec;
  return {
    ...rest,
    status,
    headers: [...(spec.headers ?? []).filter(([name]) => !names.has(name.toLowerCase())), ...lines],
    ...(redirect !== undefined && status >= 300 && status < 400 ? { redirect } : {}),
  };
}

function changedHop(hop: Hop, change: ReportServerChange): Hop {
  return change.method === 'OPTIONS' ? { ...hop, preflight: changedSpec(hop.preflight ?? NO_PREFLIGHT, change) } : { ...hop, actual: changedSpec(hop.actual, change) };
}

/** `scenario` under a new id with every change applied to the hop it names; throws for a change no hop of it answers. */
export function fixedScenario(scenario: Scenario, id: string, changes: readonly ReportServerChange[]): Scenario {
  const steps: Step[] = [...scenario.steps];
  for (const change of changes) {
    const at = parseScenarioPath(new URL(change.url).pathname);
    const step = at === null || at.scenario !== scenario.id ? undefined : steps[at.step];
    const hop = at === null ? undefined : step?.hops[at.hop];
    if (at === null || step === undefined || hop === undefined) throw new Error(`${scenario.id}: no hop answers ${change.method} ${change.url}`);
    steps[at.step] = { ...step, hops: step.hops.map((h, i) => (i === at.hop ? changedHop(hop, change) : h)) };
  }
  return { ...scenario, id, steps };
}
