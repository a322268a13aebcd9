/**
 * `npm start` and `npm run start:firefox`, as far as a machine without a display and without
 * branded Chrome can check them: Debian Chromium gets the extension over the DevTools protocol
 * (`Extensions.loadUnpacked`, the path branded Chrome 137+ needs) and opens the page with DevTools
 * and its CORS panel;
 * `web-ext run` installs the Firefox build; and without a display both print how to do it by hand.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/server.ts';
import { launchChromeWithExtension } from '../../scripts/chrome/launch.ts';
import { webExtBin, webExtRunArgs } from '../../scripts/firefox/web-ext-run.ts';
import { CHROMIUM_ARGS, chromiumPath, DIST_CHROME, DIST_FIREFOX, firefoxPath, ROOT } from '../harness/browsers.ts';

let lab: Lab;

/** In the DevTools front-end: the ids of its panels named CORS (its InspectorView answers once the front-end is up). */
const CORS_PANEL_TABS = `(async () => {
  try {
    const UI = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
    return UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().filter((id) => id.endsWith('CORS'));
  } catch {
    return null;
  }
})()`;

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
});

afterAll(async () => {
  await lab?.close();
});

/** How long a start script or `web-ext run` may take before the test kills it and fails (CI never waits on a stuck browser). */
const PROCESS_DEADLINE_MS = 90_000;

/**
 * Runs `command` until it exits, or until `done` matches its output (then it is asked to stop with
 * SIGINT), or until the deadline (then it is killed). Resolves with its output, its exit code and
 * whether `done` was seen, always after the process has gone.
 */
function runUntil(command: string, args: readonly string[], env: NodeJS.ProcessEnv, done: RegExp | null): Promise<{ output: string; code: number | null; matched: boolean }> {
  // Its own process group, so that the deadline also kills what it started (tsx's node, Firefox).
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let matched = false;
  const deadline = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, PROCESS_DEADLINE_MS);
  return new Promise((resolve) => {
    const check = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!matched && done !== null && done.test(output)) {
        matched = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ output, code, matched });
    });
  });
}

/** Runs a start script without a display (see runUntil). */
function runStart(script: string, args: readonly string[], done: RegExp | null): Promise<{ output: string; code: number | null; matched: boolean }> {
  const env = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return runUntil(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', script), ...args], env, done);
}

describe('npm start', () => {
  it('loads the extension into Chromium over the DevTools protocol and opens the user’s page', async () => {
    const url = `${lab.pageOrigin}/?mine`;
    const result = await launchChromeWithExtension({ executable: chromiumPath(), extensionDir: DIST_CHROME, url, args: CHROMIUM_ARGS, headless: true });
    expect(result.kind).toBe('pipe');
    if (result.kind !== 'pipe') return;
    try {
      expect(result.version.brand).toBe('chromium');
      expect(result.extensionId).toMatch(/^[a-p]{32}$/);
      const targets = async () => (await result.cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets')).targetInfos;
      // The extension's worker starts (it registers the panel's listeners) and the page opens.
      await expect.poll(async () => (await targets()).some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${result.extensionId}/`)), { timeout: 30_000 }).toBe(true);
      await expect.poll(async () => (await targets()).filter((t) => t.type === 'page').map((t) => t.url), { timeout: 30_000 }).toContain(url);
      const targetInfos = await targets();
      // One tab: the page (no empty startup tab beside it).
      expect(targetInfos.filter((t) => t.type === 'page').map((t) => t.url)).toEqual([url]);
      // DevTools opened with the tab, and has the CORS panel (the extension was loaded before the tab).
      const devtools = (await targets()).find((t) => t.url.startsWith('devtools://devtools/bundled/devtools_app.html'));
      expect(devtools).toBeDefined();
      const { sessionId } = await result.cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: devtools?.targetId ?? '', flatten: true });
      await expect.poll(() => result.cdp.send<{ result: { value?: unknown } }>('Runtime.evaluate', { expression: CORS_PANEL_TABS, awaitPromise: true, returnByValue: true }, sessionId).then((r) => r.result.value), { timeout: 60_000 }).toEqual([
        `chrome-extension://${result.extensionId}CORS`,
      ]);
    } finally {
      await result.cdp.close();
    }
  });

  it.each([
    ['start.ts', 'Chrome'],
    ['start-firefox.ts', 'Firefox'],
  ])('%s without a display: says how to load the extension by hand, for the user’s page', async (script) => {
    // With the user's page there is no lab to keep running: it says what to do and ends.
    const { output, code } = await runStart(script, ['--url', 'https://my.app.test/'], null);
    expect(output).toContain('No display');
    expect(output).toContain('chrome://extensions');
    expect(output).toContain(DIST_CHROME);
    expect(output).toContain(path.join(DIST_FIREFOX, 'manifest.json'));
    expect(output).toContain('Then open https://my.app.test/');
    expect(output).not.toContain('CORS lab:');
    expect(code).toBe(0);
  });

  it('without --url starts the lab and keeps it running', async () => {
    const { output, matched } = await runStart('start.ts', [], /until you press Ctrl-C/);
    expect(matched, output).toBe(true);
    expect(output).toMatch(/CORS lab: http:\/\/localhost:\d+\//);
    expect(output).toContain('The lab keeps running until you press Ctrl-C.');
  });

  it('refuses a --url that is not an http(s) page', async () => {
    const { output, code } = await runStart('start.ts', ['--url', 'file:///etc/passwd'], null);
    expect(output).toContain('only http and https pages can be inspected');
    expect(code).toBe(2);
  });
});

describe('npm run start:firefox', () => {
  it('web-ext run installs the Firefox build as a temporary add-on and opens the page', async () => {
    const run = { root: ROOT, sourceDir: DIST_FIREFOX, firefox: firefoxPath(), url: `${lab.pageOrigin}/`, headless: true };
    // web-ext stops Firefox on SIGINT; the test returns only once it has exited.
    const { output, matched } = await runUntil(webExtBin(ROOT), webExtRunArgs(run), process.env, /Installed .* as a temporary add-on/);
    expect(matched, output).toBe(true);
    expect(output).toContain(DIST_FIREFOX);
  });
});
