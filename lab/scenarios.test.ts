import { describe, expect, it } from 'vitest';
import { labLessons as scenarios } from './scenarios.ts';
import { isRunnableStep } from './scenario-kit.ts';
import type { Category } from './types.ts';

const CATEGORIES: readonly Category[] = [
  'basics', 'allow-origin', 'credentials', 'preflight', 'preflight-cache', 'safelist', 'redirects', 'modes',
  'response-headers', 'cookies', 'other-apis', 'resources', 'local-network',
];

// every lesson the lab page offers, the cookie lessons included
describe('scenario table', () => {
  it('has unique kebab-case ids', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s is well-formed', (_id, s) => {
    expect(CATEGORIES).toContain(s.category);
    expect(s.title.length).toBeGreaterThan(0);
    expect(s.teaches.length).toBeGreaterThan(20);
    expect(s.steps.length).toBeGreaterThan(0);
    s.steps.forEach((step, i) => {
      if (step.sameUrlAs !== undefined) {
        expect(step.sameUrlAs).toBeLessThan(i);
        expect(s.steps[step.sameUrlAs]?.target).toBe(step.target);
        expect(step.hops).toHaveLength(0);
      } else {
        expect(step.hops.length).toBeGreaterThan(0);
      }
      step.hops.forEach((hop, h) => {
        // a redirect (actual or preflight) must have a hop to go to
        if (hop.actual.redirect || hop.preflight?.redirect) expect(step.hops[h + 1]).toBeDefined();
      });
      expect(step.hypothesis, `${s.id} step ${i} hypothesis`).toBeDefined();
      expect(isRunnableStep(step), `${s.id} step ${i}`).toBe(true);
    });
  });

  it('has a passing case in every category (Local Network Access scenarios only fail by design)', () => {
    for (const c of CATEGORIES.filter((x) => x !== 'local-network')) {
      const hyps = scenarios.filter((s) => s.category === c).flatMap((s) => s.steps.map((st) => st.hypothesis?.ok));
      expect(hyps, c).toContain(true);
    }
  });

  it('is served as plain JSON without loss', () => {
    expect(JSON.parse(JSON.stringify(scenarios))).toEqual(scenarios);
  });
});
