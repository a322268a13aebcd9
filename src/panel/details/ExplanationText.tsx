import { EXPLANATIONS, mdnFor } from '../../shared/cors/content/explanations.ts';
import { inPageSymptom } from '../../shared/cors/content/in-page.ts';
import { serverFixLines } from '../../shared/cors/fix/render.ts';
import type { ReasonCode } from '../../shared/cors/codes.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { RichText } from '../common/RichText.tsx';
import { SpecLink } from '../common/SpecLink.tsx';
import { Resend } from '../fix/Resend.tsx';
import { TryFix } from '../fix/TryFix.tsx';
import { useServerFix } from '../fix/use-server-fix.ts';
import { FixSnippets } from './FixSnippets.tsx';
import { Section } from './Section.tsx';
import './ExplanationText.css';

/** The evaluator's explanation of the failure, then the fix: the changes per response and server snippets. */
export function ExplanationText({ code, record }: { code: ReasonCode; record: ExchangeRecord }) {
  const explanation = EXPLANATIONS[code];
  const fix = useServerFix(record);
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
        {fix.server === null && <p>No change to the server's responses fixes this.</p>}
        {fix.server !== null && fix.server.length > 0 && (
          <>
            <p>Change these responses (each line replaces the header of that name):</p>
            <pre class="fix-headers" data-testid="fix-headers">
              {serverFixLines(fix.server).join('\n')}
            </pre>
          </>
        )}
        {fix.note && (
          <p>
            <RichText text={fix.note} />
          </p>
        )}
        {fix.policy && <FixSnippets policy={fix.policy} />}
        <TryFix key={record.exchange.id} record={record} fix={fix} />
      </Section>
      <Section title="Verify for real" testId="verify">
        <Resend key={record.exchange.id} record={record} />
      </Section>
    </>
  );
}
