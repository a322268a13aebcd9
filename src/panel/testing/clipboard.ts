/**
 * The clipboard for component tests. `clipboardPerTest()` registers, for every test of the file, a
 * focused document whose `navigator.clipboard.writeText` succeeds and records each text; after
 * each test it unmounts, restores the mocks and clears the remembered choices (localStorage).
 */
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';

/** @returns the texts copied during the current test, in order. */
export function clipboardPerTest(): () => readonly string[] {
  let copied: string[] = [];
  beforeEach(() => {
    copied = [];
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation((text: string) => {
      copied.push(text);
      return Promise.resolve();
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    localStorage.clear();
  });
  return () => copied;
}
