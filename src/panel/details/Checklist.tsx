import type { Check, CheckStatus } from '../../shared/cors/verdict.ts';
import { RichText } from '../common/RichText.tsx';
import { SpecLink } from '../common/SpecLink.tsx';
import './Checklist.css';

const STATUS_TEXT: Readonly<Record<CheckStatus, string>> = {
  pass: 'Pass',
  fail: 'Fail',
  'not-applicable': 'Not applicable',
  unknown: 'Unknown',
};

const STATUS_GLYPH: Readonly<Record<CheckStatus, string>> = { pass: '✓', fail: '✕', 'not-applicable': '–', unknown: '?' };

/** Every check the evaluator ran, in order, pass and fail alike, with what was observed. */
export function Checklist({ checks, decisiveId }: { checks: readonly Check[]; decisiveId: string | null }) {
  if (checks.length === 0) return <p class="muted">No CORS checks apply to this request.</p>;
  return (
    <table class="data-table checklist" data-testid="checklist">
      <thead>
        <tr>
          <th scope="col">
            <span class="visually-hidden">Result</span>
          </th>
          <th scope="col">Check</th>
          <th scope="col">Observed</th>
          <th scope="col">Expected</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => (
          <tr key={check.id} class={`check check-${check.status}${check.id === decisiveId ? ' decisive' : ''}`} data-check={check.id}>
            <td class="check-status">
              <span class={`check-mark mark-${check.status}`} role="img" aria-label={STATUS_TEXT[check.status]} title={STATUS_TEXT[check.status]}>
                {STATUS_GLYPH[check.status]}
              </span>
            </td>
            <td class="check-title">
              <div>
                {check.title}
                {check.provenance === 'inferred' && (
                  <span class="tag tag-inferred" title="Inferred from indirect evidence, not observed">
                    inferred
                  </span>
                )}
                {check.spec && <SpecLink href={check.spec} label="spec" />}
              </div>
              <div class="check-detail">
                <RichText text={check.detail} />
              </div>
            </td>
            <td class="check-observed">{check.observed === null ? <span class="muted">(absent)</span> : <code>{check.observed}</code>}</td>
            <td class="check-expected">
              <RichText text={check.expected} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
