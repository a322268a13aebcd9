import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { StatusIcon } from '../list/StatusIcon.tsx';
import { shortVerdict } from '../state/short-verdict.ts';
import { rowStatus } from '../state/summary.ts';
import './VerdictSummary.css';

const HEADLINES = {
  allowed: 'Allowed',
  blocked: 'Blocked by CORS',
  'not-cors': 'Not a CORS decision',
  pending: 'In flight',
} as const;

const RECORDERS = { chromium: 'Chromium', firefox: 'Firefox', unknown: 'an unknown browser' } as const;

/**
 * The short verdict without the words the headline already says: "Allowed after preflight" under
 * the headline "Allowed" reads "after preflight", and a bare "Allowed" adds nothing.
 */
export function phraseAfter(headline: string, phrase: string): string {
  return phrase.startsWith(headline) ? phrase.slice(headline.length).trim() : phrase;
}

/** The headline of the Explanation tab: the outcome, in a word and a phrase, and what was fetched. */
export function VerdictSummary({ record }: { record: ExchangeRecord }) {
  const status = rowStatus(record);
  const { exchange, verdict } = record;
  const first = exchange.legs[0];
  const phrase = phraseAfter(HEADLINES[status], shortVerdict(record));
  return (
    <header class={`verdict-summary verdict-${status}`} data-testid="verdict-summary">
      <div class="verdict-headline">
        <StatusIcon status={status} />
        <strong>{HEADLINES[status]}</strong>
        {phrase !== '' && <span class="verdict-phrase">{phrase}</span>}
        {verdict.browsersDisagree && (
          <span class="tag tag-warning" title="Chrome and Firefox decide differently; see Browser messages">
            browsers disagree
          </span>
        )}
      </div>
      {first && (
        <div class="verdict-request">
          <code>
            {first.request.method} {first.request.url}
          </code>
        </div>
      )}
      <div class="verdict-meta">
        from <code>{exchange.initiatorOrigin ?? verdict.classification.origin ?? 'an unknown origin'}</code>
        {exchange.credentialsMode && (
          <>
            {' '}
            · credentials <code>{exchange.credentialsMode}</code>
          </>
        )}
        {exchange.resourceType && <> · {exchange.resourceType}</>} · recorded by {RECORDERS[exchange.recorder]}
        {exchange.outcome.error && (
          <>
            {' '}
            · <code>{exchange.outcome.error}</code>
          </>
        )}
      </div>
    </header>
  );
}
