/**
 * The lab's main page: a button per scenario, grouped by category, plus "Run all".
 * Plain DOM, textContent only. Also installs the automation API (see globals.ts).
 */
import type { Category, Scenario, StepHypothesis, StepResult } from '../types.ts';
import { newRunId } from '../urls.ts';
import type { FrameKind } from './globals.ts';
import { runScenario, runStep } from './runner.ts';
import { loadTable, scenarioById } from './table.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';
import { runInWorker } from './workers.ts';

const CATEGORY_TITLES: Record<Category, string> = {
  basics: 'Basics',
  'allow-origin': 'Access-Control-Allow-Origin',
  credentials: 'Credentials',
  preflight: 'Preflight',
  'preflight-cache': 'Preflight cache (Max-Age)',
  safelist: 'Safelisted request headers',
  redirects: 'Redirects',
  modes: 'Request modes',
  'response-headers': 'Reading response headers',
  cookies: 'Cookies',
  'other-apis': 'XHR and <img crossorigin>',
  resources: 'Images, stylesheets, fonts and scripts',
  'local-network': 'Local Network Access (Chromium, special setup)',
};

const SETUP_NOTES: Record<NonNullable<Scenario['browserSetup']>, string> = {
  'page-public': 'Needs Chromium started so that this page counts as a public website (tsx lab/probe.ts does this); in a normal browser it passes.',
  'page-public-insecure': 'Needs Chromium started so that this page is a public, non-secure http site (tsx lab/probe.ts does this); in a normal browser it passes.',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function describeResult(r: StepResult): string {
  if (!r.ok) return `step ${r.step}: ✗ ${r.error ?? 'failed'}`;
  const parts = [`step ${r.step}: ✓ ${r.status ?? ''}`.trimEnd()];
  if (r.type) parts.push(`(${r.type})`);
  if (r.readHeaders) parts.push(`headers ${JSON.stringify(r.readHeaders)}`);
  if (r.body?.startsWith('{')) {
    try {
      const echo = JSON.parse(r.body) as { cookie?: string | null };
      if ('cookie' in echo) parts.push(`cookie sent: ${echo.cookie ?? 'none'}`);
    } catch {
      /* not the echo body */
    }
  }
  return parts.join(' ');
}

function describeHypothesis(h: StepHypothesis | undefined): string {
  if (!h) return '';
  const bits = [h.ok ? 'readable' : 'blocked'];
  if (h.chromium) bits.push(`Chromium: ${h.chromium}`);
  if (h.firefoxOk !== undefined && h.firefoxOk !== h.ok) bits.push(`Firefox: ${h.firefoxOk ? 'readable' : 'blocked'}`);
  if (h.firefox) bits.push(`Firefox: ${h.firefox}`);
  if (h.preflight) bits.push(`preflight: ${h.preflight}`);
  if (h.note) bits.push(h.note);
  return bits.join(' · ');
}

const outputs = new Map<string, HTMLUListElement>();

function renderScenario(s: Scenario): HTMLElement {
  const card = el('section', 'scenario');
  card.id = `scenario-${s.id}`;
  const head = el('div', 'head');
  const button = el('button', 'run', 'Run');
  button.type = 'button';
  button.dataset['scenario'] = s.id;
  button.addEventListener('click', () => void window.labRun(s.id));
  head.append(button, el('h3', undefined, s.title), el('code', 'id', s.id));
  const expected = el('ul', 'expected');
  s.steps.forEach((st, i) => {
    const text = describeHypothesis(st.hypothesis);
    const label = s.steps.length > 1 ? `Expected, step ${i}: ` : 'Expected: ';
    if (text) expected.append(el('li', undefined, label + text));
  });
  const out = el('ul', 'results');
  outputs.set(s.id, out);
  card.append(head, el('p', 'teaches', s.teaches));
  if (s.browserSetup) card.append(el('p', 'setup', SETUP_NOTES[s.browserSetup]));
  card.append(expected, out);
  return card;
}

function render(scenarios: readonly Scenario[]): void {
  const root = document.getElementById('scenarios');
  if (!root) return;
  const groups = new Map<Category, Scenario[]>();
  for (const s of scenarios) groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
  for (const [cat, list] of groups) {
    const section = el('section', 'category');
    section.append(el('h2', undefined, CATEGORY_TITLES[cat]));
    for (const s of list) section.append(renderScenario(s));
    root.append(section);
  }
}

function show(id: string, results: StepResult[], run: string): void {
  const out = outputs.get(id);
  if (!out) return;
  out.replaceChildren(...results.map((r) => el('li', r.ok ? 'ok' : 'fail', describeResult(r))));
  out.title = `run ${run}`;
}

window.labReady = loadTable().then((t) => {
  render(t.scenarios);
  const origins = document.getElementById('origins');
  if (origins) origins.textContent = Object.entries(t.origins).map(([k, v]) => `${k} ${v}`).join('  ·  ');
});

window.labRun = async (id, run) => {
  const { scenario, origins } = await scenarioById(id);
  const runId = run ?? newRunId(id);
  outputs.get(id)?.replaceChildren(el('li', 'pending', 'running…'));
  // A scenario with a `frame` runs from that iframe (e.g. an opaque origin), never from the page.
  const results = scenario.frame
    ? await askFrame(scenario.frame, { id, run: runId })
    : scenario.steps.some((s) => s.frame)
      ? await runStepByStep(id, scenario.steps.length, runId)
      : await runScenario(scenario, { origins, run: runId });
  show(id, results, runId);
  return results;
};

window.labRunStep = async (id, index, run) => {
  const { scenario, origins } = await scenarioById(id);
  // a scenario-wide frame (opaque origin), else a step's own frame (cookie lessons), else the page
  const where = scenario.frame ?? scenario.steps[index]?.frame;
  if (!where) return runStep(scenario, index, { origins, run });
  const [result] = await askFrame(where, { id, run, step: index });
  if (!result) throw new Error(`${id}: the ${where} frame returned no result for step ${index}`);
  return result;
};

/** Runs a scenario whose steps run in different frames, one step at a time. */
async function runStepByStep(id: string, count: number, run: string): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (let i = 0; i < count; i++) results.push(await window.labRunStep(id, i, run));
  return results;
}

window.labRunAll = async (opts) => {
  const { scenarios } = await loadTable();
  const all: Record<string, StepResult[]> = {};
  for (const s of scenarios) {
    if (opts?.skipSlow && s.slow) continue;
    all[s.id] = await window.labRun(s.id);
  }
  return all;
};

window.labRunInWorker = (id, run, kind = 'dedicated') => runInWorker(kind, id, run);

let nextReq = 1;

const frames = new Map<string, Promise<Window>>();

/** The lab iframe for `where`, created on first use and resolved once its labRun is ready. */
function labFrame(where: FrameKind): Promise<Window> {
  let p = frames.get(where);
  if (!p) {
    p = (async () => {
      const { origins } = await loadTable();
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.title = `lab ${where} frame`;
      frame.id = `lab-frame-${where}`;
      const page = new URL(origins['same-origin']);
      if (where === 'sandboxed') frame.setAttribute('sandbox', 'allow-scripts');
      frame.src = where === 'cross-site' ? `http://127.0.0.1:${page.port}/frame.html` : '/frame.html';
      const loaded = new Promise<void>((r) => frame.addEventListener('load', () => r(), { once: true }));
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow;
      if (!win) throw new Error('iframe has no window');
      return win;
    })();
    frames.set(where, p);
  }
  return p;
}

window.labRunInFrame = async (id, run, where = 'same-origin') => {
  if (where === 'same-origin') {
    const win = await labFrame(where);
    await win.labReady;
    return win.labRun(id, run);
  }
  return askFrame(where, run === undefined ? { id } : { id, run });
};

/** Runs a scenario (or one step of it) in a cross-origin or opaque-origin frame, by postMessage (frame.ts answers). */
async function askFrame(where: FrameKind, request: Omit<WorkerRequest, 'reqId'>): Promise<StepResult[]> {
  const win = await labFrame(where);
  const reqId = nextReq++;
  return new Promise<StepResult[]>((resolve, reject) => {
    const onMessage = (e: MessageEvent<WorkerReply>): void => {
      if (e.source !== win || e.data.reqId !== reqId) return;
      window.removeEventListener('message', onMessage);
      if ('results' in e.data) resolve(e.data.results);
      else reject(new Error(e.data.error));
    };
    window.addEventListener('message', onMessage);
    const req: WorkerRequest = { ...request, reqId };
    win.postMessage(req, '*');
  });
}

document.getElementById('run-all')?.addEventListener('click', () => void window.labRunAll());
