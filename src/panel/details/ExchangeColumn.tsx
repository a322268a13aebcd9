import type { ObservedRequest, ObservedResponse } from '../../shared/model/exchange.ts';
import type { Offending } from '../state/offending.ts';
import { HeaderTable } from './HeaderTable.tsx';
import './ExchangeColumn.css';

export interface ExchangeColumnProps {
  readonly title: string;
  readonly request: ObservedRequest;
  readonly response: ObservedResponse | null;
  readonly offending: Offending | null;
  readonly missingResponse: string;
}

/** One request and its response (or why there is none), as two header tables. */
export function ExchangeColumn({ title, request, response, offending, missingResponse }: ExchangeColumnProps) {
  return (
    <div class="column">
      <h4>{title}</h4>
      <div class="request-line">
        <code>
          {request.method} {request.url}
        </code>
      </div>
      <HeaderTable
        caption="Request headers"
        headers={request.headers}
        offending={offending?.request ?? []}
        offendingDetail={null}
        note={request.headersProvisional ? '(provisional: the browser did not report the final headers)' : undefined}
      />
      {response ? (
        <HeaderTable
          caption={`Response headers · ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`}
          headers={response.headers}
          offending={offending?.response ?? []}
          offendingDetail={offending?.detail ?? null}
        />
      ) : (
        <p class="muted">{missingResponse}</p>
      )}
    </div>
  );
}
