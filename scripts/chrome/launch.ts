/**
 * Opens the user's Chrome (or Chromium) with the extension loaded and DevTools open on a page.
 *
 * The extension is loaded through the DevTools protocol (`Extensions.loadUnpacked` over
 * `--remote-debugging-pipe`, with `--enable-unsafe-extension-debugging`), which works in branded
 * Google Chrome 137+ that ignores `--load-extension`, and in Chromium alike (./brand.ts). Only when
 * the browser refuses that does it fall back to `--load-extension`, and only where the flag still
 * works; otherwise it says exactly what to do.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchWithPipe, type CdpPipe } from './cdp-pipe.ts';
import { loadExtensionFlagWorks, parseChromeVersion, type ChromeVersion } from './brand.ts';

export interface ChromeLaunch {
  readonly executable: string;
  /** The unpacked extension (dist/chrome). */
  readonly extensionDir: string;
  /** The page to open with DevTools. */
  readonly url: string;
  /** Chromium flags to start with (the project's usual set). */
  readonly args: readonly string[];
  /** Tests: no window (DevTools then cannot open, but the extension and the page can). */
  readonly headless?: boolean;
}

export type LaunchResult =
  /** The extension is loaded and the page open; the browser runs until it is closed. */
  | { readonly kind: 'pipe'; readonly version: ChromeVersion; readonly extensionId: string; readonly cdp: CdpPipe }
  /** The protocol refused; the browser was started again with `--load-extension`. */
  | { readonly kind: 'flag'; readonly version: ChromeVersion; readonly refused: string; readonly process: ChildProcess }
  /** Neither way is possible: what to do instead. */
  | { readonly kind: 'manual'; readonly version: ChromeVersion; readonly refused: string; readonly instructions: string };

/** `<executable> --version`, parsed; unknown when it prints nothing or fails. */
export async function chromeVersion(executable: string): Promise<ChromeVersion> {
  try {
    const { stdout } = await promisify(execFile)(executable, ['--version'], { timeout: 15_000 });
    return parseChromeVersion(stdout);
  } catch {
    return parseChromeVersion('');
  }
}

/** What to do by hand when the extension cannot be loaded for the user. */
export function manualInstructions(version: ChromeVersion, extensionDir: string, url: string): string {
  const which = version.text === '' ? 'This Chrome' : version.text;
  return (
    `${which} refused to load the extension over the DevTools protocol, and --load-extension cannot stand in (Google Chrome 137 and later ignore it). ` +
    `Load it by hand, once per profile: open chrome://extensions, switch on "Developer mode", click "Load unpacked" and pick ${extensionDir}. ` +
    `Then open ${url}, open DevTools (F12) and pick the "CORS" panel. ` +
    `Or start with Chromium or Chrome for Testing instead: CHROME_PATH=/path/to/chromium npm start.`
  );
}

/** How long the browser may take to start and load the extension before `npm start` gives up on the protocol. */
const PROTOCOL_DEADLINE_MS = 60_000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function profileDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'cors-inspector-start-'));
}

/** Loads the extension over the pipe, then opens `url` in a new tab (DevTools opens with it). */
async function overPipe(launch: ChromeLaunch, profile: string): Promise<{ cdp: CdpPipe; extensionId: string }> {
  const cdp = launchWithPipe(launch.executable, [
    ...launch.args,
    ...(launch.headless ? ['--headless'] : []),
    `--user-data-dir=${profile}`,
    '--enable-unsafe-extension-debugging',
    '--auto-open-devtools-for-tabs',
    // No window until the extension is loaded: the page's tab then opens with the CORS panel in its DevTools.
    '--no-startup-window',
  ]);
  try {
    const { id } = await within(PROTOCOL_DEADLINE_MS, 'Extensions.loadUnpacked', cdp.send<{ id: string }>('Extensions.loadUnpacked', { path: launch.extensionDir }));
    await within(PROTOCOL_DEADLINE_MS, 'Target.createTarget', cdp.send('Target.createTarget', { url: launch.url, newWindow: true }));
    return { cdp, extensionId: id };
  } catch (error) {
    await cdp.close();
    throw error;
  }
}

/** Opens the browser with the extension and `url`: over the protocol, else with the flag where it works, else how to by hand. */
export async function launchChromeWithExtension(launch: ChromeLaunch): Promise<LaunchResult> {
  const version = await chromeVersion(launch.executable);
  try {
    const { cdp, extensionId } = await overPipe(launch, profileDir());
    return { kind: 'pipe', version, extensionId, cdp };
  } catch (error) {
    const refused = error instanceof Error ? error.message : String(error);
    if (!loadExtensionFlagWorks(version)) return { kind: 'manual', version, refused, instructions: manualInstructions(version, launch.extensionDir, launch.url) };
    const child = spawn(
      launch.executable,
      [...launch.args, `--user-data-dir=${profileDir()}`, `--disable-extensions-except=${launch.extensionDir}`, `--load-extension=${launch.extensionDir}`, '--auto-open-devtools-for-tabs', launch.url],
      { stdio: 'ignore' },
    );
    return { kind: 'flag', version, refused, process: child };
  }
}
