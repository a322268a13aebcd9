// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText, copyWithCommand } from './clipboard.ts';

/** What a browser's `copy` command would put on the clipboard: the data the `copy` event set. */
let pasted: string | null = null;

/** execCommand as a browser runs it: fires `copy`, then copies the event's data unless refused. */
function installCopyCommand(allowed: boolean): void {
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: (command: string) => {
      if (command !== 'copy' || !allowed) return false;
      const clipboardData = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData, cancelable: true, bubbles: true }));
      pasted = clipboardData.getData('text/plain');
      return true;
    },
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(document, 'execCommand');
  pasted = null;
  document.body.replaceChildren();
});

const TEXT = "curl 'http://127.0.0.1/' \\\r\n  --data-raw $'a\\u0000b' # é 😀\u0000";

describe('copyText', () => {
  it('uses the Clipboard API when the browser allows it', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    installCopyCommand(true);
    expect(await copyText(TEXT)).toBe('clipboard-api');
    expect(write).toHaveBeenCalledWith(TEXT);
    expect(pasted).toBeNull();
  });

  it('falls back to the copy command when the Clipboard API refuses (a DevTools panel), with the exact text', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
    installCopyCommand(true);
    expect(await copyText(TEXT)).toBe('copy-command');
    expect(pasted).toBe(TEXT);
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('takes the copy command at once in an unfocused document (Chromium refuses writeText there)', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    installCopyCommand(true);
    expect(await copyText(TEXT)).toBe('copy-command');
    expect(write).not.toHaveBeenCalled();
    expect(pasted).toBe(TEXT);
  });

  it('rejects with the reason when both paths are refused', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Document is not focused.', 'NotAllowedError'));
    installCopyCommand(false);
    await expect(copyText(TEXT)).rejects.toThrow('the browser refused to copy (Document is not focused.)');
  });
});

describe('copyWithCommand', () => {
  it('gives the focus back to where it was', () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    installCopyCommand(true);
    expect(copyWithCommand('x')).toBe(true);
    expect(document.activeElement).toBe(button);
  });

  it('is false where the document has no copy command', () => {
    expect(copyWithCommand('x')).toBe(false);
  });
});
