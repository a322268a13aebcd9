import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { select } from '../state/actions.ts';
import { clipboardPerTest } from '../testing/clipboard.ts';
import { renderPanel } from '../testing/render-panel.tsx';

const copied = clipboardPerTest();

function open(id: string) {
  const rendered = renderPanel();
  act(() => select(rendered.store, id));
  return { ...rendered, section: screen.getByTestId('reproduce') };
}

const shown = (): string => screen.queryByTestId('reproduce-command')?.textContent ?? '';

describe('details: Reproduce', () => {
  it('shows the preflight first for a preflighted exchange, and copies what it shows', async () => {
    const { section } = open('ex-put');
    expect(within(section).getByRole('tab', { name: 'Preflight' }).getAttribute('aria-selected')).toBe('true');
    expect(shown()).toContain('-X OPTIONS');
    fireEvent.click(within(section).getByRole('button', { name: 'Copy preflight as cURL (bash)' }));
    await waitFor(() => expect(copied()).toEqual([shown()]));
  });

  it('says a cached preflight is rebuilt', () => {
    const { section } = open('ex-cached');
    expect(shown()).toMatch(/^# Rebuilt from the request/);
    expect(section.querySelector('.reproduce-note')?.textContent).toContain('answered from the browser preflight cache');
  });

  it('starts on the request when there was no preflight; the preflight tab says none was needed', () => {
    const { section } = open('ex-get');
    expect(within(section).getByRole('tab', { name: 'Request' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(within(section).getByRole('tab', { name: 'Preflight' }));
    expect(screen.queryByTestId('reproduce-command')).toBeNull();
    expect(section.textContent).toContain('needed none');
    expect((within(section).getByRole('button', { name: 'Copy preflight as cURL (bash)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('copies real values by default; "Redact credentials" replaces them', async () => {
    const { section } = open('ex-cached');
    fireEvent.click(within(section).getByRole('tab', { name: 'Request' }));
    const redact = within(section).getByRole('checkbox', { name: 'Redact credentials' }) as HTMLInputElement;
    expect(redact.checked).toBe(false);
    expect(shown()).toContain('sid=abc123');
    fireEvent.click(redact);
    expect(shown()).not.toContain('abc123');
    const marker = /sid=\[REDACTED-6-[0-9a-f]{8}\]/.exec(shown())?.[0];
    expect(marker).toBeDefined();
    fireEvent.click(within(section).getByRole('button', { name: 'Copy as cURL (bash)' }));
    await waitFor(() => expect(copied()).toHaveLength(1));
    // The copy is what the preview shows: the same salt while the exchange stays selected.
    expect(copied()[0]).toContain(marker);
  });

  it('shares the remembered shell with the row menu', () => {
    const { section } = open('ex-put');
    const shell = within(section).getByRole('combobox', { name: 'Shell' }) as HTMLSelectElement;
    expect(shell.value).toBe('bash');
    // @testing-library/preact turns `change` into `input` (it takes Preact 11's vnodes for preact/compat's): dispatch it.
    shell.value = 'powershell';
    act(() => void shell.dispatchEvent(new Event('change', { bubbles: true })));
    expect(shown()).toContain("Method = 'OPTIONS'");
    const row = screen.getAllByTestId('exchange-row').find((r) => r.dataset['id'] === 'ex-get');
    fireEvent.contextMenu(row!, { clientX: 5, clientY: 5 });
    const menu = screen.getByRole('menu', { name: 'Exchange actions' });
    expect(within(menu).getByRole('menuitemradio', { name: 'PowerShell' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: 'Windows cmd' }));
    expect(shell.value).toBe('cmd');
  });

  it('fetch() shows the mode and credentials', () => {
    const { section } = open('ex-cached');
    fireEvent.click(within(section).getByRole('tab', { name: 'fetch()' }));
    expect(shown()).toContain('mode: "cors"');
    expect(shown()).toContain('credentials: "include"');
  });
});
