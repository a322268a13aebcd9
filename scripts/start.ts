/**
 * `npm start` (after the build): start the CORS lab, then open Chromium with the extension loaded
 * and DevTools open on the lab page. Without a display it prints how to load the extension by
 * hand and keeps the lab running until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labLessons } from '../lab/scenarios.ts';
import { startLab } from '../lab/server.ts';
import { CHROMIUM_ARGS, DIST_CHROME, DIST_FIREFOX, MissingBrowserError, chromiumPath } from '../test/harness/browsers.ts';

async function main(): Promise<void> {
  // Ports 8310–8312 when free, otherwise any free ones (printed below).
  const lab = await startLab({ scenarios: labLessons });
  const labUrl = `${lab.pageOrigin}/`;
  console.log(`CORS lab: ${labUrl}`);
  console.log(`  API, same-site:  ${lab.apiSameSite}`);
  console.log(`  API, cross-site: ${lab.apiCrossSite}`);

  const stop = async (): Promise<void> => {
    await lab.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const hasDisplay = Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) || process.platform === 'darwin' || process.platform === 'win32';
  let executable: string | null = null;
  try {
    executable = chromiumPath();
  } catch (error) {
    if (!(error instanceof MissingBrowserError)) throw error;
    console.log(error.message);
  }

  if (!hasDisplay || !executable) {
    console.log(
      `\nNo display${executable ? '' : ' or no Chromium'} here, so no browser was opened. Load the extension by hand: in Chrome or ` +
        `Chromium open chrome://extensions, switch on Developer mode, click "Load unpacked" and pick ${DIST_CHROME}; ` +
        `in Firefox open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and pick ` +
        `${path.join(DIST_FIREFOX, 'manifest.json')}. Then open ${labUrl}, open DevTools (F12), select the "CORS" panel ` +
        `and press the lab's buttons. The lab keeps running until you press Ctrl-C.`,
    );
    return;
  }

  const profile = mkdtempSync(path.join(tmpdir(), 'cors-inspector-start-'));
  // A desktop session keeps the GPU; the sandbox is only dropped where Chromium refuses it (root).
  const isRoot = process.getuid?.() === 0;
  const args = CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu' && (isRoot || a !== '--no-sandbox'));
  const child = spawn(
    executable,
    [
      ...args,
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${DIST_CHROME}`,
      `--load-extension=${DIST_CHROME}`,
      '--auto-open-devtools-for-tabs',
      labUrl,
    ],
    { stdio: 'ignore' },
  );
  console.log(`Opened Chromium (${executable}) with the extension; in DevTools pick the "CORS" panel (it may be under »). Ctrl-C stops the lab.`);
  child.on('exit', () => console.log('Chromium closed; the lab is still running (Ctrl-C to stop).'));
}

void main();
