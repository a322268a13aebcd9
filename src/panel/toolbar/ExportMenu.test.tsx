import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateExchange } from '../../shared/cors/index.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { REPORT_FORMATS, renderExport, type ExportRequest } from '../io/export-report.ts';
import { select, setFilterText } from '../state/actions.ts';
import { blockedPreflightHeader, cachedPreflightPut } from '../testing/fixtures.ts';
import { renderPanel, type RecordedCall } from '../testing/render-panel.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function openExport(): HTMLElement {
  fireEvent.click(screen.getByRole('button', { name: 'Export' }));
  return screen.getByRole('menu', { name: 'Export' });
}

const radio = (menu: HTMLElement, name: RegExp | string): HTMLButtonElement => within(menu).getByRole('menuitemradio', { name }) as HTMLButtonElement;

/** The request of the only exportReport call. */
function requested(calls: readonly RecordedCall[]): ExportRequest {
  expect(calls.map((c) => c.name)).toEqual(['exportReport']);
  return calls[0]?.args[0] as ExportRequest;
}

const TOKEN = 'tok-9f8e7d6c5b4a';
/** The secrets: cookie values sent and set (src/panel/testing/fixtures.ts), and a bearer token added below. */
const SECRETS = ['abc123', 'def456', TOKEN];

/** The record with an Authorization header and a cookie on its request, judged again. */
function withSecrets(record: ExchangeRecord): ExchangeRecord {
  const [leg, ...rest] = record.exchange.legs;
  if (leg === undefined) return record;
  const headers = [...leg.request.headers, { name: 'Authorization', value: `Bearer ${TOKEN}` }, { name: 'Cookie', value: 'sid=abc123' }];
  const exchange = { ...record.exchange, legs: [{ ...leg, request: { ...leg.request, headers } }, ...rest] };
  return { ...record, exchange, verdict: evaluateExchange(exchange, { now: (leg.request.startedAt ?? 0) + 1_000 }) };
}

describe('Export menu', () => {
  it('offers all shown, failures only and the selected exchange; redaction visible and on by default', () => {
    renderPanel();
    const menu = openExport();
    expect(radio(menu, 'All shown (5 exchanges)').getAttribute('aria-checked')).toBe('true');
    expect(radio(menu, 'Failures only (2 blocked)').getAttribute('aria-checked')).toBe('false');
    expect(radio(menu, 'The selected exchange').disabled).toBe(true);
    const redact = within(menu).getByRole('menuitemcheckbox', { name: 'Redact credentials' });
    expect(redact.getAttribute('aria-checked')).toBe('true');
    expect(within(menu).getAllByRole('menuitem').map((i) => i.getAttribute('aria-label'))).toEqual([
      'JSON report (.json)',
      'Markdown report (.md)',
      'HTML report (.html)',
    ]);
  });

  it('exports all shown exchanges (after the filter), redacted, as JSON', () => {
    const { calls, store } = renderPanel();
    act(() => setFilterText(store, 'method:PUT'));
    fireEvent.click(within(openExport()).getByRole('menuitem', { name: 'JSON report (.json)' }));
    const request = requested(calls);
    expect(request).toMatchObject({ onlyBlocked: false, format: 'json', redact: true });
    expect(request.records.map((r) => r.id)).toEqual(['ex-put', 'ex-cached']);
  });

  it('exports failures only, as Markdown, with the server chosen in the fix tabs', () => {
    const { calls } = renderPanel();
    localStorage.setItem('cors-inspector:fix-server', 'nginx');
    const menu = openExport();
    fireEvent.click(radio(menu, 'Failures only (2 blocked)'));
    // A choice keeps the menu open.
    expect(radio(screen.getByRole('menu', { name: 'Export' }), 'Failures only (2 blocked)').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Markdown report (.md)' }));
    const request = requested(calls);
    expect(request).toMatchObject({ onlyBlocked: true, format: 'markdown', redact: true, server: 'nginx' });
    expect(request.records).toHaveLength(5);
  });

  it('exports the selected exchange, as HTML, and unredacted only when the toggle is off', () => {
    const { calls, store } = renderPanel();
    act(() => select(store, 'ex-cached'));
    const menu = openExport();
    fireEvent.click(radio(menu, 'The selected exchange'));
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'Redact credentials' }));
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Redact credentials' }).getAttribute('aria-checked')).toBe('false');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'HTML report (.html)' }));
    const request = requested(calls);
    expect(request).toMatchObject({ onlyBlocked: false, format: 'html', redact: false });
    expect(request.records.map((r) => r.id)).toEqual(['ex-cached']);
    // The choices last while the panel is open.
    expect(radio(openExport(), 'The selected exchange').getAttribute('aria-checked')).toBe('true');
  });

  it('an export with the toggle on contains no secret, in every format; with it off, the real values', () => {
    const { calls } = renderPanel({ records: [withSecrets(blockedPreflightHeader()), cachedPreflightPut()] });
    fireEvent.click(within(openExport()).getByRole('menuitem', { name: 'JSON report (.json)' }));
    const request = requested(calls);
    const at = new Date('2026-11-22T10:00:00Z');
    for (const format of REPORT_FORMATS) {
      const redacted = renderExport({ ...request, format }, { kind: 'extension' }, at).text;
      for (const secret of SECRETS) expect(redacted, `${format} ${secret}`).not.toContain(secret);
      expect(redacted).toMatch(/REDACTED-\d+-[0-9a-f]{8}/);
      const real = renderExport({ ...request, format, redact: false }, { kind: 'extension' }, at).text;
      // Markdown and HTML show the blocked exchange's commands; JSON every exchange.
      expect(real, format).toContain(TOKEN);
    }
  });

  it('two exports redact the same secret with different salts', () => {
    const { calls } = renderPanel();
    fireEvent.click(within(openExport()).getByRole('menuitem', { name: 'JSON report (.json)' }));
    const request = requested(calls);
    const at = new Date('2026-11-22T10:00:00Z');
    const marker = (text: string): string => /sid=(\[REDACTED-6-[0-9a-f]{8}\])/.exec(text)?.[1] ?? '';
    const first = marker(renderExport(request, { kind: 'extension' }, at).text);
    const second = marker(renderExport(request, { kind: 'extension' }, at).text);
    expect(first).not.toBe('');
    expect(second).not.toBe(first);
  });
});
