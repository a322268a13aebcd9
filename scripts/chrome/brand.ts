/**
 * Which Chrome a user has, from `<executable> --version`, and how it can be given an unpacked
 * extension.
 *
 * Google Chrome 137 and later ignore `--load-extension`; the change "only applies to Chrome branded
 * builds": Chromium, Chrome for Testing and other brands keep it ("PSA: Removing `--load-extension`
 * flag in Chrome branded builds", https://groups.google.com/a/chromium.org/g/chromium-extensions/c/1-g8EFx2BBY).
 * Branded Chrome is not installable on this project's test machines, so only Debian Chromium is
 * verified here. Every one of them accepts the DevTools protocol's `Extensions.loadUnpacked`
 * (https://chromedevtools.github.io/devtools-protocol/tot/Extensions/) over `--remote-debugging-pipe`
 * with `--enable-unsafe-extension-debugging` (verified with Debian Chromium 156), so `npm start`
 * always loads the extension that way, and falls back to `--load-extension` only where the flag
 * still works.
 */

export type ChromeBrand = 'google-chrome' | 'chromium' | 'chrome-for-testing' | 'edge' | 'unknown';

export interface ChromeVersion {
  readonly brand: ChromeBrand;
  /** The major version, null when `--version` printed none (Windows prints nothing). */
  readonly major: number | null;
  /** What `--version` printed, trimmed. */
  readonly text: string;
}

/** Brands by the name `--version` starts with (longest first: "Google Chrome for Testing" is not branded Chrome). */
const BRANDS: readonly (readonly [RegExp, ChromeBrand])[] = [
  [/^Google Chrome for Testing\b/i, 'chrome-for-testing'],
  [/^Google Chrome\b/i, 'google-chrome'],
  [/^Chromium\b/i, 'chromium'],
  [/^Microsoft Edge\b/i, 'edge'],
];

/** The first version in Google Chrome that ignores `--load-extension`. */
export const LOAD_EXTENSION_REMOVED_IN = 137;

export function parseChromeVersion(output: string): ChromeVersion {
  const text = output.trim().split('\n')[0]?.trim() ?? '';
  const brand = BRANDS.find(([re]) => re.test(text))?.[1] ?? 'unknown';
  const m = /\b(\d+)\.\d+\.\d+(?:\.\d+)?\b/.exec(text);
  return { brand, major: m?.[1] !== undefined ? Number(m[1]) : null, text };
}

/**
 * Whether `--load-extension` still loads an extension: not in Google Chrome from 137 on (nor in
 * an unknown Chrome, to be safe); Chromium, Chrome for Testing and Edge keep it.
 */
export function loadExtensionFlagWorks(version: ChromeVersion): boolean {
  switch (version.brand) {
    case 'chromium':
    case 'chrome-for-testing':
    case 'edge':
      return true;
    case 'google-chrome':
      return version.major !== null && version.major < LOAD_EXTENSION_REMOVED_IN;
    case 'unknown':
      return false;
    default: {
      const never: never = version.brand;
      return never;
    }
  }
}
