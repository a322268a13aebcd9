/**
 * Copies text to the system clipboard from the panel: inside Chrome's DevTools, in the pop-out
 * tab and in Firefox's toolbox alike.
 *
 * `navigator.clipboard.writeText` first. Chromium refuses it when the document is not focused,
 * and inside DevTools the panel is an iframe of the `devtools://` front-end, whose frame does not
 * delegate `clipboard-write` to it (https://w3c.github.io/clipboard-apis/#privacy-async). DevTools
 * copies through `InspectorFrontendHost.copyText`, which an extension cannot call. So a refused
 * write falls back to the older path: a `copy` command on a selected hidden textarea
 * (`document.execCommand('copy')`), whose `copy` event carries the exact text. Chromium allows
 * it while the click's transient activation lasts
 * (https://html.spec.whatwg.org/multipage/interaction.html#transient-activation).
 */

/** Which path put the text on the clipboard. */
export type CopyPath = 'clipboard-api' | 'copy-command';

/**
 * The `copy` command on a hidden, selected textarea; the `copy` event's data is `text` itself, so
 * carriage returns and other characters a textarea would normalize arrive unchanged. Focus goes
 * back where it was. True when the browser ran the command.
 */
export function copyWithCommand(text: string, doc: Document = document): boolean {
  const before = doc.activeElement;
  const area = doc.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.setAttribute('aria-hidden', 'true');
  Object.assign(area.style, { position: 'fixed', top: '0', left: '0', width: '1px', height: '1px', opacity: '0', pointerEvents: 'none' });
  const onCopy = (e: ClipboardEvent): void => {
    if (e.clipboardData === null) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  doc.body.append(area);
  let copied = false;
  try {
    area.focus({ preventScroll: true });
    area.select();
    copied = doc.execCommand('copy');
  } catch {
    copied = false;
  } finally {
    doc.removeEventListener('copy', onCopy);
    area.remove();
    if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
  }
  return copied;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Puts `text` on the clipboard; resolves to the path that did, or rejects with the reason when
 * neither could. Call it from the click (or key) handler itself, so the fallback still runs
 * within the user's activation.
 */
export async function copyText(text: string, doc: Document = document): Promise<CopyPath> {
  const api = doc.defaultView?.navigator.clipboard;
  // Chromium rejects writeText in an unfocused document: take the command path at once, inside the gesture.
  if (api === undefined || typeof api.writeText !== 'function' || !doc.hasFocus()) {
    if (copyWithCommand(text, doc)) return 'copy-command';
    throw new Error('the browser refused to copy');
  }
  try {
    await api.writeText(text);
    return 'clipboard-api';
  } catch (error) {
    if (copyWithCommand(text, doc)) return 'copy-command';
    throw new Error(`the browser refused to copy (${message(error)})`);
  }
}
