/**
 * URL shapes shared by the server, the page and the tests. Pure: no Node or DOM APIs.
 *
 * Scenario URLs: `/s/<scenario>/<step>/<hop>?run=<run>` (`/<hop>` optional, default 0).
 * Knob URLs (WPT-style, for bursts and ad-hoc checks): `/k/<anything>?run=…&acao=…&acac=…&acam=…&acah=…&aceh=…&max_age=…&status=…&pstatus=…`.
 */
import type { TargetKind } from './types.ts';

export type Origins = Readonly<Record<TargetKind, string>>;

export interface ScenarioAddress {
  scenario: string;
  step: number;
  hop: number;
}

const SCENARIO_PATH = /^\/s\/([a-z0-9][a-z0-9-]*)\/(\d+)(?:\/(\d+))?\/?$/;

export function scenarioPath(scenario: string, step: number, hop: number, run: string): string {
  return `/s/${scenario}/${step}/${hop}?run=${encodeURIComponent(run)}`;
}

export function parseScenarioPath(pathname: string): ScenarioAddress | null {
  const m = SCENARIO_PATH.exec(pathname);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { scenario: m[1], step: Number(m[2]), hop: m[3] === undefined ? 0 : Number(m[3]) };
}

/** The scenario id in any `/s/<id>/…` path, even a malformed one; null otherwise. */
export function scenarioIdOf(pathname: string): string | null {
  const m = /^\/s\/([^/?#]+)/.exec(pathname);
  return m?.[1] ?? null;
}

/** A fresh, unique run id. */
export function newRunId(prefix = 'r'): string {
  const rnd = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${Date.now().toString(36)}-${rnd}`;
}
