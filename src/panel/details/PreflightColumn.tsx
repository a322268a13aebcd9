import type { ExchangeLeg } from '../../shared/model/exchange.ts';
import type { Offending } from '../state/offending.ts';
import { ExchangeColumn } from './ExchangeColumn.tsx';
import { HeaderTable } from './HeaderTable.tsx';
import './PreflightColumn.css';

/** The preflight half of a hop: observed (request and response), served from cache (inferred), or none. */
export function PreflightColumn({ leg, needed, offending }: { leg: ExchangeLeg; needed: boolean; offending: Offending | null }) {
  const preflight = leg.preflight;
  if (preflight === null) {
    return (
      <div class="column">
        <h4>Preflight</h4>
        <p class="muted">{needed ? 'None seen for this URL.' : 'Not needed: a simple request.'}</p>
      </div>
    );
  }
  if (preflight.kind === 'cache-hit') {
    return (
      <div class="column cached">
        <h4>
          Preflight <span class="tag tag-inferred">served from cache (inferred)</span>
        </h4>
        <p class="muted">
          No OPTIONS went on the wire; an earlier preflight's cached answer applied
          {preflight.maxAgeSeconds != null ? ` (Access-Control-Max-Age: ${preflight.maxAgeSeconds})` : ''}.
        </p>
        {preflight.sourceResponse && (
          <HeaderTable caption={`Cached response (${preflight.sourceResponse.status})`} headers={preflight.sourceResponse.headers} offending={offending?.response ?? []} offendingDetail={offending?.detail ?? null} />
        )}
      </div>
    );
  }
  return <ExchangeColumn title="Preflight" request={preflight.request} response={preflight.response} offending={offending} missingResponse={preflight.error ?? 'No response.'} />;
}
