/**
 * The panel's theme: DevTools' own theme inside DevTools, the system's colour scheme in the
 * pop-out tab. Calls `apply` now and on every change.
 */
import { devtoolsTheme } from '../../platform/browser.ts';
import type { Theme } from '../state/store.ts';

export function followTheme(apply: (theme: Theme) => void): void {
  const fromDevtools = devtoolsTheme(apply);
  if (fromDevtools !== null) {
    apply(fromDevtools);
    return;
  }
  const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  apply(query?.matches ? 'dark' : 'light');
  query?.addEventListener('change', (e) => apply(e.matches ? 'dark' : 'light'));
}
