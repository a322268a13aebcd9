import { describe, expect, it } from 'vitest';
import { fuzzScenarios, prng } from './fuzz.ts';
import { isRunnableStep } from './scenario-kit.ts';

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
      scenario.steps.forEach((step, index) => {
        const where = `${scenario.id} step ${index}`;
        const method = (step.method ?? 'GET').toUpperCase();
        // fetch() throws before any request for a body on GET/HEAD and for no-cors with other methods.
        if (method === 'GET' || method === 'HEAD') expect(step.body, where).toBeUndefined();
        if (step.mode === 'no-cors') expect(['GET', 'HEAD', 'POST']).toContain(method);
        if (step.kind === 'xhr') expect(step.mode, where).toBeUndefined();
        if (step.kind !== 'fetch') expect(step.redirect, where).toBeUndefined();
        expect(isRunnableStep(step), where).toBe(true);
        expect(new Set((step.headers ?? []).map(([n]) => n)).size, where).toBe((step.headers ?? []).length);
        if (step.sameUrlAs !== undefined) {
          // A repeat of an earlier step's URL, answered by that step's hops.
          expect(step.sameUrlAs, where).toBeLessThan(index);
          expect(scenario.steps[step.sameUrlAs]?.target, where).toBe(step.target);
          expect(step.hops, where).toEqual([]);
          return;
        }
        // Every hop but the last redirects; the last answers.
        step.hops.forEach((hop, i) => expect(hop.actual.redirect === undefined, `${where} hop ${i}`).toBe(i === step.hops.length - 1));
      });
    }
  });

  it('reaches every part of the grammar', () => {
    const steps = table.flatMap((s) => s.steps);
    expect(steps.some((s) => s.hops.length > 1)).toBe(true);
    expect(steps.some((s) => s.kind === 'xhr')).toBe(true);
    expect(steps.some((s) => s.mode === 'no-cors')).toBe(true);
    expect(table.some((s) => s.steps.length === 2)).toBe(true);
    expect(steps.some((s) => s.sameUrlAs !== undefined)).toBe(true);
    for (const kind of ['img', 'stylesheet', 'font-face', 'font-css', 'script', 'module'] as const) expect(steps.some((s) => s.kind === kind), kind).toBe(true);
    expect(steps.some((s) => s.kind === 'img' && s.mode === 'no-cors')).toBe(true);
    expect(steps.some((s) => s.kind === 'script' && s.credentials === 'include')).toBe(true);
    expect(new Set(steps.map((s) => s.redirect))).toEqual(new Set([undefined, 'manual', 'error']));
    expect(steps.some((s) => s.hops.length === 3)).toBe(true);
    expect(steps.some((s) => s.hops.some((h) => h.actual.redirect?.userinfo !== undefined))).toBe(true);
    expect(steps.some((s) => s.hops.some((h) => h.actual.abort === true))).toBe(true);
    expect(new Set(steps.map((s) => s.credentials))).toEqual(new Set(['omit', 'same-origin', 'include', undefined]));
  });
});
