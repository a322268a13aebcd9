import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { select } from '../state/actions.ts';
import { allowedGet, blockedPreflightHeader, inFlight } from '../testing/fixtures.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

function open(id: string, records?: LogRecord[]) {
  const rendered = renderPanel(records ? { records } : {});
  act(() => select(rendered.store, id));
  return rendered;
}

describe('details', () => {
  it('an exchange in flight, sent without a verdict: "In flight", with the checks the panel evaluates for it', async () => {
    open('ex-put', [allowedGet(), inFlight(blockedPreflightHeader())]);
    const summary = await screen.findByTestId('verdict-summary');
    expect(summary.textContent).toContain('In flight');
    expect(summary.textContent).not.toContain('Blocked by CORS');
    const checks = within(screen.getByTestId('checklist')).getAllByRole('row').slice(1);
    expect(checks.map((r) => r.getAttribute('data-check'))).toContain('request.preflight-needed');
    expect(screen.getByTestId('why-preflight').textContent).toContain('Method PUT');
  });

  it('Explanation: headline, every check with observed values, both browsers, why preflighted, inferred facts', async () => {
    open('ex-put');
    const summary = await screen.findByTestId('verdict-summary');
    expect(summary.textContent).toContain('Blocked by CORS');
    expect(summary.textContent).toContain('Preflight: Allow-Headers lacks content-type');
    const checks = within(screen.getByTestId('checklist')).getAllByRole('row').slice(1);
    expect(checks.map((r) => r.getAttribute('data-check'))).toEqual([
      'request.mode',
      'request.credentials',
      'request.preflight-needed',
      'preflight.redirect',
      'preflight.allow-origin',
      'preflight.status',
      'preflight.allow-methods-syntax',
      'preflight.allow-headers-syntax',
      'preflight.method',
      'preflight.headers',
    ]);
    const failing = checks[9]!;
    expect(failing.className).toContain('decisive');
    expect(within(failing).getByRole('img').getAttribute('aria-label')).toBe('Fail');
    expect(failing.textContent).toContain('x-requested-with');
    expect(checks[8]!.querySelector('.check-observed')?.textContent).toBe('PUT');
    const chrome = document.querySelector('[data-browser="chromium"]')!;
    expect(chrome.textContent).toContain('HeaderDisallowedByPreflightResponse');
    expect(chrome.textContent).toContain('Request header field content-type is not allowed');
    expect(document.querySelector('[data-browser="firefox"]')!.textContent).toContain('CORSMissingAllowHeaderFromPreflight');
    const why = screen.getByTestId('preflight-triggers');
    expect(why.textContent).toContain('Method PUT is not GET, HEAD or POST.');
    expect(why.textContent).toContain('content-type: application/json');
    expect(screen.getByRole('list', { name: 'Inferred facts' }).textContent).toContain('inferred');
  });

  it('Checklist: a check that observed nothing says so', () => {
    open('ex-redirect');
    const row = within(screen.getByTestId('checklist')).getAllByRole('row').find((r) => r.getAttribute('data-check') === 'leg1.response.allow-credentials')!;
    expect(within(row).getByRole('img').getAttribute('aria-label')).toBe('Not applicable');
    expect(row.querySelector('.check-observed')?.textContent).toBe('(absent)');
  });

  it('Headers: preflight and actual side by side, CORS headers highlighted, the offending one marked', () => {
    open('ex-put');
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    const tab = screen.getByTestId('headers-tab');
    expect([...tab.querySelectorAll('h4')].map((h) => h.textContent)).toEqual(['Preflight', 'Actual request']);
    const offending = [...tab.querySelectorAll('tr.offending')].map((r) => r.getAttribute('data-header'));
    // The preflight announced content-type, the response did not allow it, the actual request carries it.
    expect(offending).toEqual(['access-control-request-headers', 'access-control-allow-headers', 'content-type']);
    const mark = tab.querySelector('tr[data-header="access-control-allow-headers"] .offending-mark');
    expect(mark?.textContent).toContain('content-type is not in x-requested-with');
    expect(tab.querySelector('tr[data-header="access-control-allow-methods"]')?.className).toContain('cors-header');
    expect(tab.textContent).toContain('Not sent: the preflight failed.');
    expect(tab.textContent).toContain('provisional');
  });

  it('Headers: a cached preflight is shown as inferred, with the cached response', () => {
    open('ex-cached');
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    const tab = screen.getByTestId('headers-tab');
    expect(tab.textContent).toContain('served from cache (inferred)');
    expect(tab.textContent).toContain('Cached response (204)');
  });

  it('Timing: preflight then request; cache hits and failures distinct', () => {
    open('ex-put');
    fireEvent.click(screen.getByRole('tab', { name: 'Timing' }));
    const rows = screen.getByTestId('timing-tab').querySelectorAll('.waterfall-row');
    expect([...rows].map((r) => r.querySelector('.waterfall-label')?.textContent)).toEqual(['Preflight OPTIONS · 204', 'PUT · not completed']);
    expect(rows[1]?.className).toContain('failed');
    cleanup();
    open('ex-cached');
    fireEvent.click(screen.getByRole('tab', { name: 'Timing' }));
    expect(screen.getByTestId('timing-tab').textContent).toContain('Preflight served from cache');
  });

  it('tabs move with arrow keys; Esc closes the details', () => {
    const { store } = open('ex-redirect');
    const tab = screen.getByRole('tab', { name: 'Explanation' });
    fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(store.get().detailsTab).toBe('headers');
    expect(screen.getByTestId('headers-tab').textContent).toContain('Hop 2 of 2');
    fireEvent.keyDown(screen.getByTestId('details'), { key: 'Escape' });
    expect(store.get().selectedId).toBeNull();
    expect(screen.queryByTestId('details')).toBeNull();
  });

  it('header values render as text, never as markup', () => {
    const base = blockedPreflightHeader();
    const leg = base.exchange.legs[0]!;
    const evil = '<img src=x onerror="alert(1)">';
    const record = {
      ...base,
      exchange: { ...base.exchange, legs: [{ ...leg, request: { ...leg.request, headers: [...leg.request.headers, { name: 'X-Evil', value: evil }] } }] },
    };
    open('ex-put', [record]);
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    const tab = screen.getByTestId('headers-tab');
    expect(tab.querySelector('img')).toBeNull();
    expect(tab.querySelector('tr[data-header="x-evil"] .header-value')?.textContent).toBe(evil);
  });
});

describe('explanation and fix', () => {
  it('explains the failure and gives exact headers and server snippets in tabs', () => {
    open('ex-put');
    expect(screen.getByTestId('explanation').textContent).toMatch(/\S/);
    const fix = screen.getByTestId('fix-headers').textContent ?? '';
    expect(fix).toContain('Access-Control-Allow-Headers:');
    expect(fix).toContain('content-type');
    const snippets = screen.getByTestId('snippets');
    const tabs = within(snippets).getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['Express', 'nginx', 'Apache httpd', 'Caddy', 'Spring', 'ASP.NET Core', 'Django', 'FastAPI', 'Go net/http']);
    const express = snippets.querySelector('pre')?.textContent ?? '';
    fireEvent.click(within(snippets).getByRole('tab', { name: 'nginx' }));
    const nginx = snippets.querySelector('pre')?.textContent ?? '';
    expect(nginx).not.toBe(express);
    expect(nginx).toContain('content-type');
  });

  it('shows no fix for an allowed exchange, and says "Allowed" once', () => {
    open('ex-get');
    expect(screen.queryByTestId('fix')).toBeNull();
    const headline = screen.getByTestId('verdict-summary').querySelector('.verdict-headline')?.textContent ?? '';
    expect(headline.match(/Allowed/g)).toHaveLength(1);
  });

  it('after a cross-origin redirect, never advises Access-Control-Allow-Origin: null without its risk', () => {
    open('ex-redirect');
    const fix = screen.getByTestId('fix');
    expect(screen.queryByTestId('fix-headers')?.textContent ?? '').not.toContain('Access-Control-Allow-Origin: null');
    expect(fix.textContent).toContain('avoid the cross-origin redirect');
  });
});

describe('offending header on a redirect chain', () => {
  it('marks Access-Control-Allow-Origin on the hop whose check failed', () => {
    open('ex-redirect');
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    const legs = screen.getByTestId('headers-tab').querySelectorAll('.leg');
    expect(legs[0]?.querySelector('tr.offending')).toBeNull();
    expect([...(legs[1]?.querySelectorAll('tr.offending') ?? [])].map((r) => r.getAttribute('data-header'))).toEqual(['access-control-allow-origin']);
  });
});
