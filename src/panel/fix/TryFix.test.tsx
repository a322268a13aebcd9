import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { select } from '../state/actions.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

function tryFixOf(id: string) {
  const rendered = renderPanel({});
  act(() => select(rendered.store, id));
  fireEvent.click(screen.getByTestId('try-fix-open'));
  return screen.getByTestId('try-fix');
}

const outcome = (panel: HTMLElement) =>
  [...within(panel).getByTestId('try-fix-outcome').querySelectorAll('li')].map((li) => [li.getAttribute('data-browser'), li.getAttribute('data-allowed')]);
const failing = (panel: HTMLElement) => [...panel.querySelectorAll('tr.check-fail')].map((r) => r.getAttribute('data-check'));
const headersOf = (panel: HTMLElement, target: RegExp) => within(panel).getByRole('textbox', { name: target }) as HTMLTextAreaElement;

describe('Try a fix', () => {
  it('starts from the proposed changes, per response, and both browsers allow them', () => {
    const panel = tryFixOf('ex-put');
    const legends = [...panel.querySelectorAll('legend')].map((l) => l.textContent);
    expect(legends[0]).toMatch(/^Preflight answer \(OPTIONS http/);
    expect(headersOf(panel, /^Headers of Preflight answer/).value).toContain('Access-Control-Allow-Headers:');
    expect(outcome(panel)).toEqual([
      ['chromium', 'true'],
      ['firefox', 'true'],
    ]);
    expect(failing(panel)).toEqual([]);
  });

  it('re-evaluates both browsers on every edit, the checklist following, and Reset restores the proposal', () => {
    const panel = tryFixOf('ex-put');
    const area = headersOf(panel, /^Headers of Preflight answer/);
    const proposed = area.value;
    // Only what the server sent already: content-type is missing again.
    fireEvent.input(area, { target: { value: proposed.replace(/^Access-Control-Allow-Headers: .*$/m, 'Access-Control-Allow-Headers: x-requested-with') } });
    expect(outcome(panel)).toEqual([
      ['chromium', 'false'],
      ['firefox', 'false'],
    ]);
    expect(panel.textContent).toContain('blocked (header-disallowed-by-preflight)');
    expect(failing(panel)).toContain('preflight.headers');
    fireEvent.click(within(panel).getByRole('button', { name: 'Reset' }));
    expect(headersOf(panel, /^Headers of Preflight answer/).value).toBe(proposed);
    expect(failing(panel)).toEqual([]);
  });

  it('a preflight status typed in is judged: a 401 answer fails the status check', () => {
    const panel = tryFixOf('ex-put');
    fireEvent.input(within(panel).getByRole('textbox', { name: /^Status of Preflight answer/ }), { target: { value: '401' } });
    expect(failing(panel)).toContain('preflight.status');
    expect(outcome(panel).map(([, allowed]) => allowed)).toEqual(['false', 'false']);
  });

  it('copies the edited changes as header lines and as the report section', () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const panel = tryFixOf('ex-put');
    fireEvent.click(within(panel).getByRole('button', { name: 'Copy headers' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Copy report section' }));
    const [headers, section] = writeText.mock.calls.map((call: unknown[]) => String(call[0]));
    expect(headers).toMatch(/^Preflight answer \(OPTIONS [^)]+\):\n {2}Access-Control-Allow-/);
    expect(section).toContain('```http\n' + (headers ?? ''));
  });

  it('is not offered when nothing blocks the exchange', () => {
    const rendered = renderPanel({});
    act(() => select(rendered.store, 'ex-get'));
    expect(screen.queryByTestId('try-fix-open')).toBeNull();
  });
});
