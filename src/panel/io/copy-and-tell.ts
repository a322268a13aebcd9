/**
 * A copy the user asked for, with its outcome in the notice bar: "Copied …" for a few seconds, or
 * why the browser refused.
 */
import { showNotice } from '../state/actions.ts';
import type { Notice, PanelStore } from '../state/store.ts';
import { copyText } from './clipboard.ts';

/** How long "Copied …" stays. */
const CONFIRMATION_MS = 4_000;

/** Copies `text` (call it from the click itself); `what` names it in the notice. Resolves to whether it worked. */
export async function copyAndTell(store: PanelStore, text: string, what: string): Promise<boolean> {
  try {
    await copyText(text);
  } catch (error) {
    showNotice(store, { kind: 'error', text: `Could not copy ${what}: ${error instanceof Error ? error.message : String(error)}` });
    return false;
  }
  const notice: Notice = { kind: 'info', text: `Copied ${what} to the clipboard.` };
  showNotice(store, notice);
  setTimeout(() => {
    if (store.get().notice === notice) showNotice(store, null);
  }, CONFIRMATION_MS);
  return true;
}
