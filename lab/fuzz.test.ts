import { describe, expect, it } from 'vitest';
import { fuzzScenarios, prng } from './fuzz.ts';

describe('fuzzScenarios', () => {
  const table = fuzzScenarios(42, 400);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(fuzzScenarios(42, 400)).toEqual(table);
    expect(fuzzScenarios(43, 400)).not.toEqual(table);
    const a = prng(1);
    const b = prng(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('gives unique ids and only runnable steps', () => {
    expect(new Set(table.map((s) => s.id)).size).toBe(table.length);
    for (const scenario of table) {
      const main = scenario.steps[scenario.steps.length - 1];
      expect(main, scenario.id).toBeDefined();
      if (main === undefined) continue;
      const method = (main.method ?? 'GET').toUpperCase();
      // fetch() throws before any request for a body on GET/HEAD and for no-cors with other methods.
      if (method === 'GET' || method === 'HEAD') expect(main.body, scenario.id).toBeUndefined();
      if (main.mode === 'no-cors') expect(['GET', 'HEAD', 'POST']).toContain(method);
      if (main.kind === 'xhr') expect(main.mode, scenario.id).toBeUndefined();
      // Every hop but the last redirects; the last answers.
      main.hops.forEach((hop, i) => expect(hop.actual.redirect === undefined, `${scenario.id} hop ${i}`).toBe(i === main.hops.length - 1));
      expect(new Set((main.headers ?? []).map(([n]) => n)).size).toBe((main.headers ?? []).length);
    }
  });

  it('reaches every part of the grammar', () => {
    const steps = table.flatMap((s) => s.steps);
    expect(steps.some((s) => s.hops.length > 1)).toBe(true);
    expect(steps.some((s) => s.kind === 'xhr')).toBe(true);
    expect(steps.some((s) => s.mode === 'no-cors')).toBe(true);
    expect(table.some((s) => s.steps.length === 2)).toBe(true);
    expect(new Set(steps.map((s) => s.credentials))).toEqual(new Set(['omit', 'same-origin', 'include']));
  });
});
