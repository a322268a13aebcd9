/** The reload shortcut as this platform writes it (DevTools says "⌘ R" on a Mac, "Ctrl + R" elsewhere). */
export function reloadShortcut(): string {
  const platform = globalThis.navigator?.platform ?? '';
  return /^Mac|^iP/.test(platform) ? '⌘ R' : 'Ctrl + R';
}
