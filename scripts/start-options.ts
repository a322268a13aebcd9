/**
 * The options `npm start` and `npm run start:firefox` share, and what both do before a browser
 * opens: the page to inspect is the user's (`--url`) or the lab's (started here), and a machine
 * without a display gets instructions instead of a browser.
 *
 *   npm start [-- --url <http(s) URL>]
 *   npm run start:firefox [-- --url <http(s) URL>]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { labLessons } from '../lab/scenarios.ts';
import { startLab, type Lab } from '../lab/server.ts';
import { DIST_CHROME, DIST_FIREFOX, MissingBrowserError } from '../test/harness/browsers.ts';

export interface StartOptions {
  /** The user's page; null: the lab's. */
  readonly url: string | null;
  readonly help: boolean;
}

export class StartOptionError extends Error {}

export const START_USAGE = `Usage: npm start [-- --url <URL>]          (Chrome or Chromium; CHROME_PATH picks one)
       npm run start:firefox [-- --url <URL>] (Firefox; FIREFOX_PATH picks one)

Builds the extension, opens the browser with it loaded and DevTools open on the page, where the
"CORS" panel shows every cross-origin request. Without --url the page is the CORS lab, started here.
  --url <URL>   your own page (http or https) instead of the lab
  --help        this text`;

export function parseStartOptions(argv: readonly string[]): StartOptions {
  let values: { url?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new StartOptionError(error instanceof Error ? error.message : String(error));
  }
  const url = values.url ?? null;
  if (url !== null) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new StartOptionError(`--url ${url}: not a URL (try https://my.app.test/)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new StartOptionError(`--url ${url}: only http and https pages can be inspected`);
  }
  return { url, help: values.help ?? false };
}

/** Whether a browser window can open here. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']) || platform === 'darwin' || platform === 'win32';
}

export interface StartTarget {
  readonly url: string;
  readonly lab: Lab | null;
}

/** The page to open: the user's, or the lab's (started, its addresses printed). */
export async function startTarget(options: StartOptions, log: (line: string) => void): Promise<StartTarget> {
  if (options.url !== null) return { url: options.url, lab: null };
  // Ports 8310–8312 when free, otherwise any free ones (printed below).
  const lab = await startLab({ scenarios: labLessons });
  log(`CORS lab: ${lab.pageOrigin}/`);
  log(`  API, same-site:  ${lab.apiSameSite}`);
  log(`  API, cross-site: ${lab.apiCrossSite}`);
  return { url: `${lab.pageOrigin}/`, lab };
}

/** How to load the extension by hand, in both browsers, and open `url`. */
export function byHand(url: string, distChrome: string, distFirefox: string): string {
  return (
    `Load the extension by hand: in Chrome or Chromium open chrome://extensions, switch on "Developer mode", click "Load unpacked" and pick ${distChrome}; ` +
    `in Firefox open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and pick ${path.join(distFirefox, 'manifest.json')}. ` +
    `Then open ${url}, open DevTools (F12) and select the "CORS" panel.`
  );
}

export interface Started extends StartTarget {
  /** The browser to open. */
  readonly executable: string;
  /** What to add to a message while the lab runs ('' with the user's page). */
  readonly keepRunning: string;
}

/**
 * What both start scripts do before their browser opens: read the options (or print the usage),
 * start the lab unless the page is the user's, and find the browser (`find`, named `name` in
 * messages). Null when no browser is to be opened: the usage was printed, or there is no display
 * or no such browser, and it said how to load the extension by hand (the process then ends,
 * unless the lab keeps it running).
 */
export async function prepareStart(argv: readonly string[], name: string, find: () => string): Promise<Started | null> {
  const options = parseStartOptions(argv);
  if (options.help) {
    console.log(START_USAGE);
    return null;
  }
  const { url, lab } = await startTarget(options, (line) => console.log(line));
  const keepRunning = lab === null ? '' : ' The lab keeps running until you press Ctrl-C.';
  let executable: string | null = null;
  try {
    executable = find();
  } catch (error) {
    if (!(error instanceof MissingBrowserError)) throw error;
    console.log(error.message);
  }
  if (!hasDisplay() || executable === null) {
    console.log(`\nNo display${executable ? '' : ` or no ${name}`} here, so no browser was opened. ${byHand(url, DIST_CHROME, DIST_FIREFOX)}${keepRunning}`);
    return null;
  }
  return { url, lab, executable, keepRunning };
}

/** Runs a start script's `main`: a bad option prints the usage, and both end the process with 2. */
export function runStartScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof StartOptionError ? `${error.message}\n\n${START_USAGE}` : error);
    process.exit(2);
  });
}
