/**
 * "Verify for real": after the server was changed, the failing request is sent again from the
 * inspected page itself (DevTools' `inspectedWindow.eval`), so the browser decides with the
 * page's origin, cookies and cache. Only on the user's click, and only what is shown: the fetch()
 * call, with the headers the browser adds itself named. The new verdict is the one the extension
 * records for the new exchange, shown beside the old one. The pop-out has no inspected page: there
 * it says so and shows the call to run in the page's console.
 */
import { useMemo, useState } from 'preact/hooks';
import { credentialedReading } from '../../shared/cors/index.ts';
import { pageResend } from '../../shared/handoff/index.ts';
import type { ExchangeRecord, LogRecord } from '../../shared/protocol/messages.ts';
import { usePanel, usePanelState } from '../app/context.ts';
import type { PanelState } from '../state/store.ts';
import { shortVerdict } from '../state/short-verdict.ts';

type Sending = { readonly kind: 'idle' } | { readonly kind: 'sent'; readonly afterSeq: number };

const firstRequest = (record: LogRecord) => record.exchange.legs[0]?.request;

/** The first exchange recorded after `afterSeq` with the same method and URL, once complete. */
function resentOf(state: PanelState, record: ExchangeRecord, afterSeq: number): ExchangeRecord | null {
  const sent = firstRequest(record);
  const again = state.live.records.find((r) => r.seq > afterSeq && firstRequest(r)?.method === sent?.method && firstRequest(r)?.url === sent?.url);
  return again === undefined || again.pending ? null : again;
}

const latestSeq = (state: PanelState): number => state.live.records.reduce((max, r) => Math.max(max, r.seq), -1);

function Verdicts({ before, after }: { before: ExchangeRecord; after: ExchangeRecord | null }) {
  return (
    <ul class="resend-verdicts" data-testid="resend-verdicts" aria-live="polite">
      <li data-when="before" data-outcome={before.verdict.outcome}>
        Before: {shortVerdict(before)}
      </li>
      <li data-when="after" data-outcome={after?.verdict.outcome ?? 'pending'}>
        Now: {after === null ? 'asked the page to send it; waiting for the browser’s verdict… (recording must be on)' : shortVerdict(after)}
      </li>
    </ul>
  );
}

export function Resend({ record }: { record: ExchangeRecord }) {
  const { actions, store } = usePanel();
  const plan = useMemo(() => pageResend(record.exchange, credentialedReading(record.verdict) ? { credentials: 'include' } : {}), [record]);
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });
  const resent = usePanelState((state) => (sending.kind === 'sent' ? resentOf(state, record, sending.afterSeq) : null));
  if (plan === null) return null;
  const send = actions.resendInPage;
  const onClick = (): void => {
    if (send === null) return;
    const afterSeq = latestSeq(store.get());
    setSending({ kind: 'sent', afterSeq });
    // Chromium's inspectedWindow.eval did not report success here although the page sent the
    // request (seen in the DevTools e2e): the verdict is read from the capture alone.
    void send(plan.expression);
  };
  return (
    <div class="resend" data-testid="resend">
      <p>
        Changed the server? Send this request again from the inspected page — exactly this call; the browser adds its own headers (Origin, cookies, Sec-Fetch-*) as it did before:
      </p>
      <pre class="fix-headers resend-request" data-testid="resend-request">
        {plan.shown}
      </pre>
      {plan.unrecorded.length > 0 ? (
        <p data-testid="resend-unrecorded">
          Not re-sent: the recording lacks the value of {plan.unrecorded.join(', ')} (named by the preflight; Chromium reports only provisional headers for a request blocked at its
          preflight), so this call would be another request. Add {plan.unrecorded.length === 1 ? 'it' : 'them'} and run the call in the page’s console, or reload the page.
        </p>
      ) : send === null ? (
        <p data-testid="resend-unavailable">Re-sending needs the panel inside DevTools: this pop-out has no inspected page to send from. Run the call above in the page’s console instead.</p>
      ) : (
        <button type="button" class="text-button" data-testid="resend-button" onClick={onClick}>
          Re-send from the page
        </button>
      )}
      {sending.kind === 'sent' && <Verdicts before={record} after={resent} />}
    </div>
  );
}
