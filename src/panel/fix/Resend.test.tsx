import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateExchange } from '../../shared/cors/index.ts';
import { pageResend } from '../../shared/handoff/index.ts';
import type { ObservedExchange } from '../../shared/model/exchange.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { select } from '../state/actions.ts';
import { applyMessage } from '../state/apply-message.ts';
import { blockedPreflightHeader } from '../testing/fixtures.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

/** The same PUT sent again after the server added content-type to its preflight answer. */
function fixedAgain(seq: number, pending = false): ExchangeRecord {
  const before = blockedPreflightHeader();
  const [leg] = before.exchange.legs;
  if (leg?.preflight?.kind !== 'observed' || leg.preflight.response === null) throw new Error('fixture changed');
  const preflightResponse = {
    ...leg.preflight.response,
    headers: leg.preflight.response.headers.map((x) => (x.name === 'Access-Control-Allow-Headers' ? { ...x, value: 'x-requested-with, content-type' } : x)),
  };
  const exchange: ObservedExchange = {
    ...before.exchange,
    id: `again-${seq}`,
    legs: [
      {
        request: { ...leg.request, headersProvisional: false },
        preflight: { ...leg.preflight, response: preflightResponse },
        response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: preflightResponse.headers[0]?.value ?? '' }] },
      },
    ],
    outcome: { kind: 'succeeded' },
  };
  return { ...before, id: exchange.id, seq, pending, exchange, verdict: evaluateExchange(exchange) };
}

function verifyOf(resendInPage: ((expression: string) => Promise<boolean>) | null) {
  const rendered = renderPanel({ resendInPage });
  act(() => select(rendered.store, 'ex-put'));
  return { ...rendered, verify: screen.getByTestId('resend') };
}

describe('Re-send from the page', () => {
  it('shows exactly the call it will make: method, URL, mode, credentials, headers', () => {
    const { verify } = verifyOf(null);
    const shown = within(verify).getByTestId('resend-request').textContent ?? '';
    expect(shown).toBe(pageResend(blockedPreflightHeader().exchange)?.shown);
    expect(shown).toMatch(/^fetch\("http[^"]+\/api\/items\/42", \{$/m);
    for (const option of ['method: "PUT"', 'mode: "cors"', 'credentials: ', '"Content-Type": "application/json"']) expect(shown).toContain(option);
  });

  it('in the pop-out (no inspected page) says it is unavailable and offers no button', () => {
    const { verify } = verifyOf(null);
    expect(within(verify).getByTestId('resend-unavailable').textContent).toMatch(/needs the panel inside DevTools/);
    expect(within(verify).queryByRole('button')).toBeNull();
  });

  it('sends nothing until clicked, then the shown call once; the new verdict appears beside the old one', async () => {
    const resend = vi.fn((_expression: string) => Promise.resolve(true));
    const { verify, store } = verifyOf(resend);
    expect(resend).not.toHaveBeenCalled();
    fireEvent.click(within(verify).getByRole('button', { name: 'Re-send from the page' }));
    expect(resend.mock.calls).toEqual([[pageResend(blockedPreflightHeader().exchange)?.expression]]);
    const line = (when: string) => verify.querySelector(`[data-when="${when}"]`);
    expect(line('before')?.textContent).toBe('Before: Preflight: Allow-Headers lacks content-type');
    expect(line('after')?.getAttribute('data-outcome')).toBe('pending');
    // In flight, then complete: only the complete exchange gives the verdict.
    await act(() => applyMessage(store, { type: 'exchange-added', record: fixedAgain(100, true) }));
    expect(line('after')?.getAttribute('data-outcome')).toBe('pending');
    await act(() => applyMessage(store, { type: 'exchange-updated', record: fixedAgain(100) }));
    expect(line('after')?.getAttribute('data-outcome')).toBe('allowed');
    expect(line('after')?.textContent).toMatch(/^Now: Allowed/);
  });

  it('does not re-send a request whose page-set header values the recording lacks (another request)', () => {
    const blocked = blockedPreflightHeader();
    const legs = blocked.exchange.legs.map((leg) => ({ ...leg, request: { ...leg.request, headers: leg.request.headers.filter((x) => x.name !== 'Content-Type') } }));
    const rendered = renderPanel({ records: [{ ...blocked, exchange: { ...blocked.exchange, legs } }], resendInPage: () => Promise.resolve(true) });
    act(() => select(rendered.store, 'ex-put'));
    const verify = screen.getByTestId('resend');
    expect(within(verify).getByTestId('resend-unrecorded').textContent).toMatch(/^Not re-sent: the recording lacks the value of content-type/);
    expect(within(verify).queryByRole('button')).toBeNull();
  });
});
