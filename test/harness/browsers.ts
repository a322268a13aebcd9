/**
 * Launching the real browsers for e2e and differential tests, with or without the extension.
 *
 * Never downloads a browser: Chromium comes from CHROME_PATH or Debian's /usr/bin/chromium (or
 * the usual Chrome locations), Firefox from FIREFOX_PATH or /usr/bin/firefox-esr. A missing
 * browser is a one-line error naming what to install — the tests never skip silently.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST_CHROME = path.join(ROOT, 'dist/chrome');
export const DIST_FIREFOX = path.join(ROOT, 'dist/firefox');

/**
 * Where e2e tests write screenshots: `artifacts/screenshots/` (ignored by git), or the README's
 * committed `docs/screenshots/` when run with UPDATE_SCREENSHOTS=1.
 */
export const SCREENSHOT_DIR = path.join(ROOT, process.env['UPDATE_SCREENSHOTS'] ? 'docs/screenshots' : 'artifacts/screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

export class MissingBrowserError extends Error {}

function resolveExecutable(envVar: string, candidates: readonly string[], install: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new MissingBrowserError(`${envVar}=${fromEnv} does not exist; ${install}`);
    return fromEnv;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new MissingBrowserError(`No browser found: ${install}, or set ${envVar}.`);
  return found;
}

export function chromiumPath(): string {
  return resolveExecutable('CHROME_PATH', CHROME_CANDIDATES, 'install Chromium (apt-get install -y chromium)');
}

export function firefoxPath(): string {
  return resolveExecutable('FIREFOX_PATH', FIREFOX_CANDIDATES, 'install Firefox ESR (apt-get install -y firefox-esr)');
}

/** Flags verified on this machine (see ARCHITECTURE.md): quiet, offline-safe, headless-friendly. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function assertBuilt(dir: string): void {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${path.relative(ROOT, dir)}/manifest.json is missing: run \`npm run build\` first.`);
  }
}

export interface ChromiumSession {
  readonly context: BrowserContext;
  /** The extension's service worker (only with `extension: true`). */
  readonly worker: Worker | null;
  readonly extensionId: string | null;
  close(): Promise<void>;
}

/**
 * Launch Debian Chromium (new headless) in a fresh profile, optionally with dist/chrome loaded and
 * with the profile's `Preferences` (e.g. `{ profile: { cookie_controls_mode: 0 } }`, the
 * third-party-cookie setting of chrome://settings/cookies).
 */
export async function launchChromium(opts: { extension?: boolean; headless?: boolean; args?: readonly string[]; preferences?: object } = {}): Promise<ChromiumSession> {
  const executablePath = chromiumPath();
  const extension = opts.extension ?? false;
  if (extension) assertBuilt(DIST_CHROME);
  const profile = mkdtempSync(path.join(tmpdir(), 'cors-inspector-chromium-'));
  if (opts.preferences !== undefined) {
    mkdirSync(path.join(profile, 'Default'));
    writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify(opts.preferences));
  }
  const args = [
    ...CHROMIUM_ARGS,
    ...(extension ? [`--disable-extensions-except=${DIST_CHROME}`, `--load-extension=${DIST_CHROME}`] : []),
    ...(opts.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: opts.headless ?? true,
    args,
  });
  let worker: Worker | null = null;
  if (extension) {
    worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? null;
    worker ??= await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
      timeout: 30_000,
    });
  }
  const extensionId = worker ? new URL(worker.url()).host : null;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fixed moz-extension UUID so tests can open extension pages by URL. */
export const FIREFOX_EXTENSION_UUID = '6f1c3b6e-6a3c-4f0e-9a55-c0a5e1e5c0de';

export interface FirefoxSession {
  readonly browser: PuppeteerBrowser;
  readonly extensionId: string | null;
  /** `moz-extension://<uuid>` when the extension is installed. */
  readonly extensionOrigin: string | null;
  close(): Promise<void>;
}

/**
 * Launch Firefox ESR over WebDriver BiDi (puppeteer-core), optionally with dist/firefox installed
 * as a temporary add-on. `--remote-allow-system-access` lets tests read the console service and
 * open moz-extension:// pages.
 */
export async function launchFirefox(opts: { extension?: boolean; headless?: boolean; prefs?: Record<string, unknown> } = {}): Promise<FirefoxSession> {
  const executablePath = firefoxPath();
  const extension = opts.extension ?? false;
  if (extension) assertBuilt(DIST_FIREFOX);
  const { GECKO_ID } = await import('../../manifest.config.ts');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: opts.headless ?? true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // Keep Firefox off the (absent) network.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      ...(opts.prefs ?? {}),
    },
  });
  const extensionId = extension ? await browser.installExtension(DIST_FIREFOX) : null;
  return {
    browser,
    extensionId,
    extensionOrigin: extension ? `moz-extension://${FIREFOX_EXTENSION_UUID}` : null,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
