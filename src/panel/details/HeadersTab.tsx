import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { offendingHeaders, type Offending } from '../state/offending.ts';
import { ExchangeColumn } from './ExchangeColumn.tsx';
import { PreflightColumn } from './PreflightColumn.tsx';
import './HeadersTab.css';

/** Preflight and actual request/response side by side, one block per hop of the redirect chain. */
export function HeadersTab({ record }: { record: ExchangeRecord }) {
  const { legs } = record.exchange;
  const offending = record.verdict.outcome === 'blocked' ? offendingHeaders(record.verdict, legs.length) : null;
  return (
    <div class="headers-tab" data-testid="headers-tab">
      {legs.map((leg, i) => (
        <section key={i} class="leg">
          {legs.length > 1 && (
            <h3 class="leg-title">
              Hop {i + 1} of {legs.length}
              {i < legs.length - 1 ? ' (redirect)' : ''}
            </h3>
          )}
          <div class="side-by-side">
            <PreflightColumn leg={leg} needed={record.verdict.classification.preflightNeeded} offending={i === offending?.leg ? forPhase(offending, 'preflight') : null} />
            <ExchangeColumn
              title="Actual request"
              request={leg.request}
              response={leg.response}
              offending={i === offending?.leg ? forPhase(offending, 'actual') : null}
              missingResponse={leg.preflight?.kind === 'observed' && leg.response === null ? 'Not sent: the preflight failed.' : 'No response.'}
            />
          </div>
        </section>
      ))}
    </div>
  );
}

/**
 * Marks for one column: request headers the failure concerns are marked in both requests (the
 * preflight announces them, the actual request carries them); the response header only in the
 * response the failing check read.
 */
function forPhase(offending: Offending | null, phase: Offending['phase']): Offending | null {
  if (!offending) return null;
  return offending.phase === phase ? offending : { ...offending, response: [] };
}
