import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clipboardPerTest } from '../testing/clipboard.ts';
import { renderPanel } from '../testing/render-panel.tsx';

/** What the panel wrote to the clipboard, in order. */
const copied = clipboardPerTest();

afterEach(() => {
  Reflect.deleteProperty(document, 'execCommand');
});

function openMenu(id: string): HTMLElement {
  const row = screen.getAllByTestId('exchange-row').find((r) => r.dataset['id'] === id);
  if (!row) throw new Error(`no row ${id}`);
  fireEvent.contextMenu(row, { clientX: 10, clientY: 10 });
  return screen.getByRole('menu', { name: 'Exchange actions' });
}

const item = (menu: HTMLElement, name: string): HTMLButtonElement => within(menu).getByRole('menuitem', { name }) as HTMLButtonElement;

async function copy(id: string, name: string): Promise<string> {
  const before = copied().length;
  fireEvent.click(item(openMenu(id), name));
  await waitFor(() => expect(copied().length).toBe(before + 1));
  return copied()[before] ?? '';
}

describe('row menu: copy as commands', () => {
  it('offers "Copy preflight" for an observed preflight and copies the OPTIONS the browser sent', async () => {
    renderPanel();
    const menu = openMenu('ex-put');
    expect(item(menu, 'Copy preflight as cURL (bash)').disabled).toBe(false);
    fireEvent.click(item(menu, 'Copy preflight as cURL (bash)'));
    await waitFor(() => expect(copied()).toHaveLength(1));
    expect(copied()[0]).toMatch(/^curl -i 'http:\/\/127\.0\.0\.1:3000\/api\/items\/42' \\\n  -X OPTIONS \\\n/);
    expect(copied()[0]).toContain("-H 'Access-Control-Request-Method: PUT'");
    expect(copied()[0]).toContain("-H 'Access-Control-Request-Headers: content-type'");
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('notice-info').textContent).toBe('Copied the preflight as cURL (bash) to the clipboard.'));
  });

  it('offers it for a preflight from the cache too, rebuilt from the request and said so', async () => {
    renderPanel();
    const menu = openMenu('ex-cached');
    const preflight = item(menu, 'Copy preflight as cURL (bash)');
    expect(preflight.disabled).toBe(false);
    expect(preflight.textContent).toContain('rebuilt: it came from the preflight cache');
    expect(preflight.title).toContain('answered from the browser preflight cache');
    fireEvent.click(preflight);
    await waitFor(() => expect(copied()).toHaveLength(1));
    expect(copied()[0]).toMatch(/^# Rebuilt from the request: this preflight was answered from the browser preflight cache/);
    expect(copied()[0]).toContain("-H 'Access-Control-Request-Method: PUT'");
  });

  it('disables "Copy preflight" when the request needed none, and says why', () => {
    renderPanel();
    for (const id of ['ex-get', 'ex-same']) {
      const menu = openMenu(id);
      const preflight = item(menu, 'Copy preflight as cURL (bash)');
      expect(preflight.disabled).toBe(true);
      expect(preflight.textContent).toContain('needed no preflight');
      fireEvent.keyDown(menu, { key: 'Escape' });
    }
  });

  it('copies the request with real values, and offers a redacted variant without them', async () => {
    renderPanel();
    const real = await copy('ex-cached', 'Copy as cURL (bash)');
    expect(real).toMatch(/^curl -i 'http:\/\/127\.0\.0\.1:3000\/api\/cart' \\\n  -X PUT/);
    expect(real).toContain('sid=abc123');
    const redacted = await copy('ex-cached', 'Copy as cURL (bash), redacted');
    expect(redacted).not.toContain('abc123');
    expect(redacted).toMatch(/sid=\[REDACTED-6-[0-9a-f]{8}\]/);
    expect(redacted).toContain('# Redacted');
  });

  it('copies fetch() with the mode and the inferred credentials named in a comment', async () => {
    renderPanel();
    const text = await copy('ex-cached', 'Copy as fetch()');
    expect(text).toContain('await fetch("http://127.0.0.1:3000/api/cart", {');
    expect(text).toContain('credentials: "include"');
    expect(text).toContain('// The credentials mode was not recorded: inferred');
    expect(text).not.toMatch(/"Cookie"/i);
  });

  it('writes for the chosen shell, and remembers the choice', async () => {
    renderPanel();
    let menu = openMenu('ex-put');
    expect(within(menu).getByRole('menuitemradio', { name: 'bash / zsh' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: 'PowerShell' }));
    // A choice leaves the menu open, with the labels for the new shell.
    menu = screen.getByRole('menu', { name: 'Exchange actions' });
    expect(within(menu).getByRole('menuitemradio', { name: 'PowerShell' }).getAttribute('aria-checked')).toBe('true');
    expect(item(menu, 'Copy as PowerShell').disabled).toBe(false);
    fireEvent.keyDown(menu, { key: 'Escape' });
    const text = await copy('ex-put', 'Copy preflight as PowerShell');
    expect(text).toContain('Invoke-WebRequest');
    cleanup();
    // A new panel: the choice is still there.
    renderPanel();
    menu = openMenu('ex-get');
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: 'Windows cmd' }));
    fireEvent.keyDown(menu, { key: 'Escape' });
    cleanup();
    renderPanel();
    expect(within(openMenu('ex-get')).getByRole('menuitemradio', { name: 'Windows cmd' }).getAttribute('aria-checked')).toBe('true');
    const cmd = await copy('ex-get', 'Copy as cURL (cmd)');
    expect(cmd).toMatch(/^curl -i \^"http:\/\/127\.0\.0\.1:3000\/api\/items\?page=1\^" \^\n/);
  });

  it('says so when the browser refuses to copy', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Document is not focused.', 'NotAllowedError'));
    // happy-dom has no execCommand: give it one that refuses, as a browser without activation does.
    Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
    renderPanel();
    fireEvent.click(item(openMenu('ex-get'), 'Copy URL'));
    await waitFor(() => expect(screen.getByTestId('notice-error').textContent).toContain('Could not copy the URL: the browser refused to copy (Document is not focused.)'));
  });

  it('exports this exchange alone, redacted, in the chosen format', () => {
    const { calls } = renderPanel();
    fireEvent.click(item(openMenu('ex-put'), 'Export this exchange as Markdown'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.name).toBe('exportReport');
    expect(calls[0]?.args[0]).toMatchObject({ onlyBlocked: false, format: 'markdown', redact: true, server: 'express' });
    const request = calls[0]?.args[0] as { records: { id: string }[] };
    expect(request.records.map((r) => r.id)).toEqual(['ex-put']);
  });
});

describe('row menu placement', () => {
  it('stays inside the window when opened near its bottom-right corner', () => {
    const [width, height] = [300, 400];
    // happy-dom lays nothing out: the menu's box is where its style puts it, this size.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      return this.getAttribute('role') === 'menu' ? new DOMRect(parseFloat(this.style.left), parseFloat(this.style.top), width, height) : new DOMRect();
    });
    renderPanel();
    const [x, y] = [window.innerWidth - 5, window.innerHeight - 5];
    fireEvent.contextMenu(screen.getAllByTestId('exchange-row')[0]!, { clientX: x, clientY: y });
    const menu = screen.getByRole('menu', { name: 'Exchange actions' });
    const [, dx, dy] = /^translate\((-?\d+)px, (-?\d+)px\)$/.exec(menu.style.transform)?.map(Number) ?? [];
    expect(x + (dx ?? 0) + width).toBeLessThanOrEqual(window.innerWidth - 4);
    expect(y + (dy ?? 0) + height).toBeLessThanOrEqual(window.innerHeight - 4);
    expect(x + (dx ?? 0)).toBeGreaterThanOrEqual(4);
  });
});
