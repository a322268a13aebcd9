import { describe, expect, it } from 'vitest';
import { stepUrl } from './page/runner.ts';
import { findScenario } from './scenarios.ts';
import { newRunId, parseScenarioPath, scenarioIdOf, scenarioPath, type Origins } from './urls.ts';

const origins: Origins = {
  'same-origin': 'http://localhost:1', 'same-site': 'http://localhost:2', 'cross-site': 'http://127.0.0.1:2',
  'same-site-alt': 'http://localhost:3', 'cross-site-alt': 'http://127.0.0.1:3',
};

describe('scenario URLs', () => {
  it('round-trips', () => {
    const path = scenarioPath('acao-null', 2, 1, 'a b');
    expect(path).toBe('/s/acao-null/2/1?run=a%20b');
    expect(parseScenarioPath(new URL(path, 'http://x').pathname)).toEqual({ scenario: 'acao-null', step: 2, hop: 1 });
    expect(parseScenarioPath('/s/acao-null/0')).toEqual({ scenario: 'acao-null', step: 0, hop: 0 });
    expect(parseScenarioPath('/s/Bad_Id/0')).toBeNull();
    expect(scenarioIdOf('/s/Bad_Id/zz')).toBe('Bad_Id');
    expect(scenarioIdOf('/k/1')).toBeNull();
  });

  it('gives unique run ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRunId('x')));
    expect(ids.size).toBe(200);
  });

  it('builds step URLs on the step target, reusing the earlier URL for sameUrlAs steps', () => {
    const s = findScenario('cache-max-age-60');
    if (!s) throw new Error('missing');
    expect(stepUrl(s, 0, origins, 'r')).toBe('http://127.0.0.1:2/s/cache-max-age-60/0/0?run=r');
    expect(stepUrl(s, 1, origins, 'r')).toBe(stepUrl(s, 0, origins, 'r'));
    const so = findScenario('same-origin-get');
    if (!so) throw new Error('missing');
    expect(stepUrl(so, 0, origins, 'r')).toBe('http://localhost:1/s/same-origin-get/0/0?run=r');
  });
});
