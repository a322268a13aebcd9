import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { decisiveCheck } from '../state/short-verdict.ts';
import { BrowserMessages } from './BrowserMessages.tsx';
import { Checklist } from './Checklist.tsx';
import { ExplanationText } from './ExplanationText.tsx';
import { InferredFacts } from './InferredFacts.tsx';
import { PreflightTriggers } from './PreflightTriggers.tsx';
import { ReproduceCommands } from './ReproduceCommands.tsx';
import { Section } from './Section.tsx';
import { VerdictSummary } from './VerdictSummary.tsx';

/**
 * The cause at a glance (headline), then the whole story: explanation and fix, the commands that
 * reproduce it, checks, messages, why a preflight, inferences.
 */
export function ExplanationTab({ record }: { record: ExchangeRecord }) {
  const { verdict, exchange } = record;
  const decisive = decisiveCheck(verdict);
  const cors = verdict.classification.kind === 'cors';
  return (
    <div class="explanation-tab" data-testid="explanation-tab">
      <VerdictSummary record={record} />
      {verdict.outcome === 'blocked' && verdict.code !== null && <ExplanationText code={verdict.code} record={record} />}
      {!record.pending && <ReproduceCommands record={record} />}
      <Section title="Checklist" testId="checklist-section">
        <Checklist checks={verdict.checks} decisiveId={decisive?.id ?? null} />
      </Section>
      {cors && (
        <Section title="Browser messages">
          <BrowserMessages verdicts={[verdict.chromium, verdict.firefox]} recorder={exchange.recorder} />
        </Section>
      )}
      {cors && (
        <Section title="Why was this preflighted?" testId="why-preflight">
          <PreflightTriggers classification={verdict.classification} />
        </Section>
      )}
      {(verdict.inferred.length > 0 || verdict.warnings.length > 0) && (
        <Section title="Warnings and inferred facts">
          <InferredFacts facts={verdict.inferred} warnings={verdict.warnings} />
        </Section>
      )}
    </div>
  );
}
