import { describe, expect, it } from 'vitest';
import { loadExtensionFlagWorks, parseChromeVersion } from './brand.ts';

describe('which Chrome, from --version', () => {
  it.each([
    ['Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n', 'chromium', 156, true],
    ['Google Chrome 137.0.7151.55 ', 'google-chrome', 137, false],
    ['Google Chrome 136.0.7103.113', 'google-chrome', 136, true],
    ['Google Chrome for Testing 140.0.7339.80', 'chrome-for-testing', 140, true],
    ['Microsoft Edge 138.0.3351.55', 'edge', 138, true],
    ['Google Chrome', 'google-chrome', null, false],
    ['', 'unknown', null, false],
  ] as const)('%j → %s %s (--load-extension works: %s)', (output, brand, major, flagWorks) => {
    const version = parseChromeVersion(output);
    expect(version).toMatchObject({ brand, major });
    expect(loadExtensionFlagWorks(version)).toBe(flagWorks);
  });
});
