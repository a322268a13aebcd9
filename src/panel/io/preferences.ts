/**
 * Choices the panel remembers across panels and sessions, in its `localStorage` as DevTools
 * remembers its own settings: the shell copied commands are written for, and the server whose
 * configuration the fix tabs show (exported Markdown and HTML reports include that server's
 * snippet). Where storage is refused the choice lasts as long as the panel.
 */
import { useEffect, useState } from 'preact/hooks';
import { FRAMEWORKS, type Framework } from '../../shared/cors/content/snippets.ts';
import { SHELLS, type Shell } from '../../shared/handoff/index.ts';

export interface Preference<T extends string> {
  get(): T;
  /** Remembers `value` and tells every component using it. */
  set(value: T): void;
  /** The value, re-rendering when any component sets it. */
  use(): T;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function preference<T extends string>(key: string, values: readonly T[], initial: T): Preference<T> {
  let fallback = initial;
  const listeners = new Set<(value: T) => void>();
  const valid = (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
  const get = (): T => {
    try {
      const stored = storage()?.getItem(key);
      return valid(stored) ? stored : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    get,
    set(value) {
      fallback = value;
      try {
        storage()?.setItem(key, value);
      } catch {
        // Storage refused: remembered for this panel only.
      }
      for (const listener of [...listeners]) listener(value);
    },
    use() {
      const [value, setValue] = useState(get);
      useEffect(() => {
        listeners.add(setValue);
        setValue(get());
        return () => void listeners.delete(setValue);
      }, []);
      return value;
    },
  };
}

/** The shell copied commands are written for (bash/zsh by default, as DevTools' first entry). */
export const copyShell = preference<Shell>('cors-inspector:copy-shell', SHELLS, 'bash');
/** The server the fix tabs show first and reports include. */
export const fixServer = preference<Framework>('cors-inspector:fix-server', FRAMEWORKS, 'express');

/** What the menus call each shell's command: DevTools' own words ("Copy as cURL (bash)", "Copy as PowerShell"). */
export const SHELL_COMMAND: Readonly<Record<Shell, string>> = { bash: 'cURL (bash)', cmd: 'cURL (cmd)', powershell: 'PowerShell' };
/** The shell's name in a chooser. */
export const SHELL_NAME: Readonly<Record<Shell, string>> = { bash: 'bash / zsh', cmd: 'Windows cmd', powershell: 'PowerShell' };
