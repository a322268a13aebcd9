import { WARNING_EXPLANATIONS } from '../../shared/cors/content/explanations.ts';
import type { InferredFact, Warning } from '../../shared/cors/verdict.ts';
import { RichText } from '../common/RichText.tsx';
import './InferredFacts.css';

/** Facts the evaluator inferred (never observed), each with its evidence; then warnings. */
export function InferredFacts({ facts, warnings }: { facts: readonly InferredFact[]; warnings: readonly Warning[] }) {
  return (
    <>
      {warnings.length > 0 && (
        <ul class="warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w.code} class="warning" data-warning={w.code}>
              <span class="tag tag-warning">warning</span> <strong>{WARNING_EXPLANATIONS[w.code].title}</strong>: <RichText text={w.detail} />
              {WARNING_EXPLANATIONS[w.code].fix.length > 0 && (
                <>
                  {' '}
                  Send <code>{WARNING_EXPLANATIONS[w.code].fix.join(' · ')}</code>.
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {facts.length > 0 && (
        <ul class="inferred" aria-label="Inferred facts">
          {facts.map((f, i) => (
            <li key={i}>
              <span class="tag tag-inferred">inferred</span> <RichText text={f.statement} />
              <span class="because">
                {' '}
                — because <RichText text={f.because} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
