import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

const shownIds = (): string[] => screen.queryAllByTestId('exchange-row').map((r) => r.dataset['id'] ?? '');
const box = (): HTMLInputElement => screen.getByRole('combobox', { name: 'Filter exchanges' });
const options = (): string[] => within(screen.getByRole('listbox', { name: 'Filter suggestions' })).getAllByRole('option').map((o) => o.querySelector('.suggestion-label')?.textContent ?? '');

/** Types `text` as if by the keyboard (the caret at its end). */
function type(text: string): void {
  const input = box();
  fireEvent.input(input, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
}

describe('filter box', () => {
  it.each([
    ['DevTools’ domain: with a wildcard', 'domain:*.0.1', ['ex-get', 'ex-put', 'ex-cached', 'ex-redirect']],
    ['status-code:', 'status-code:302', ['ex-redirect']],
    ['has-response-header:', 'has-response-header:set-cookie', ['ex-cached']],
    ['is:', 'is:preflighted', ['ex-put']],
    ['negation', '-domain:localhost -method:PUT', ['ex-get', 'ex-redirect']],
    ['a regex', '/items\\/\\d+/', ['ex-put']],
    ['ours: status: code: origin:', 'status:blocked code:HeaderDisallowed origin:127.0.0.1', ['ex-put']],
  ])('filters with %s', (_what, text, expected) => {
    renderPanel();
    type(text);
    expect(shownIds()).toEqual(expected);
    expect(box().getAttribute('aria-invalid')).toBe('false');
  });

  it('offers keys as a word is typed, then their values; Tab or Enter takes one', () => {
    renderPanel();
    type('has');
    expect(box().getAttribute('aria-expanded')).toBe('true');
    expect(options()).toEqual(['has-request-header:', 'has-response-header:']);
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    expect(box().getAttribute('aria-activedescendant')).toBe('filter-suggestions-1');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('has-response-header:');
    // The key's values: the header names seen in the log.
    expect(options()).toContain('access-control-allow-origin');
    type('has-response-header:set');
    expect(options()).toEqual(['set-cookie']);
    fireEvent.keyDown(box(), { key: 'Tab' });
    expect(box().value).toBe('has-response-header:set-cookie ');
    expect(screen.queryByRole('listbox', { name: 'Filter suggestions' })).toBeNull();
    expect(shownIds()).toEqual(['ex-cached']);
  });

  it('offers a fixed key’s values with what each means, and takes one with the mouse', () => {
    renderPanel();
    type('status:');
    expect(options()).toEqual(['blocked', 'allowed', 'not-cors', 'pending']);
    const blocked = within(screen.getByRole('listbox', { name: 'Filter suggestions' })).getAllByRole('option')[0]!;
    expect(blocked.textContent).toContain('the browser blocked it');
    fireEvent.mouseDown(blocked);
    expect(box().value).toBe('status:blocked ');
    expect(shownIds()).toEqual(['ex-put', 'ex-redirect']);
  });

  it('Esc closes the suggestions, then clears the box', () => {
    renderPanel();
    type('meth');
    expect(options()).toEqual(['method:']);
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(screen.queryByRole('listbox', { name: 'Filter suggestions' })).toBeNull();
    expect(box().value).toBe('meth');
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box().value).toBe('');
    expect(shownIds()).toHaveLength(5);
  });

  it.each([
    ['an unknown key', 'foo:bar method:PUT', /Unknown filter key “foo”/],
    ['a value the key does not take', 'is:nope method:PUT', /is: takes running, preflighted/],
    ['a broken regex', '/a(/ method:PUT', /Not a valid regular expression/],
  ])('says when the filter has %s, and filters by the rest', (_what, text, message) => {
    renderPanel();
    type(text);
    expect(screen.getByRole('alert').textContent).toMatch(message);
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(box().getAttribute('aria-describedby')).toBe('filter-errors');
    expect(shownIds()).toEqual(['ex-put', 'ex-cached']);
  });

  it('a "?" popover documents the language from the keys’ own table; Esc closes it', () => {
    renderPanel();
    const help = screen.getByRole('button', { name: 'Filter syntax' });
    fireEvent.click(help);
    const dialog = screen.getByRole('dialog', { name: 'Filter syntax' });
    const text = dialog.textContent ?? '';
    for (const key of ['domain:', 'method:', 'status-code:', 'has-response-header:', 'is:', 'status:', 'code:', 'origin:', 'initiator:']) expect(text).toContain(key);
    expect(text).toContain('preflighted');
    expect(text).toMatch(/regular expression/);
    expect(help.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(help);
  });
});
