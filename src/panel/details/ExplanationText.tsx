import { EXPLANATIONS, fixAdvice, fixContext, mdnFor } from '../../shared/cors/content/explanations.ts';
import { inPageSymptom } from '../../shared/cors/content/in-page.ts';
import type { ReasonCode } from '../../shared/cors/codes.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { RichText } from '../common/RichText.tsx';
import { SpecLink } from '../common/SpecLink.tsx';
import { FixSnippets } from './FixSnippets.tsx';
import { Section } from './Section.tsx';
import './ExplanationText.css';

/**
 * The evaluator's explanation of the failure, then the fix: exact header lines and server snippets,
 * from `fixAdvice` as the reports give it (after a cross-origin redirect it never advises
 * `Access-Control-Allow-Origin: null` without its risk).
 */
export function ExplanationText({ code, record }: { code: ReasonCode; record: ExchangeRecord }) {
  const explanation = EXPLANATIONS[code];
  const ctx = fixContext(record.exchange, record.verdict);
  const advice = fixAdvice(code, ctx);
  const lines = advice.headers;
  const mdn = mdnFor(code);
  const inPage = inPageSymptom(record.exchange);
  return (
    <>
      <Section title="What happened" testId="explanation">
        <div class="explanation">
          <p class="explanation-title">
            <RichText text={explanation.title} />
          </p>
          <p>
            <RichText text={explanation.explanation} />
          </p>
          {inPage && (
            <p data-testid="in-page">
              <RichText text={inPage} />
            </p>
          )}
          {mdn && (
            <p>
              <SpecLink href={mdn} label="Learn more on MDN" />
            </p>
          )}
        </div>
      </Section>
      <Section title="How to fix it" testId="fix">
        {lines.length > 0 && (
          <>
            <p>The server must send{ctx.status === null ? '' : ' (on every status, errors included)'}:</p>
            <pre class="fix-headers" data-testid="fix-headers">
              {lines.join('\n')}
            </pre>
          </>
        )}
        {advice.note && (
          <p>
            <RichText text={advice.note} />
          </p>
        )}
        {advice.policy && <FixSnippets policy={advice.policy} />}
      </Section>
    </>
  );
}
