import type { Classification, PreflightTrigger } from '../../shared/cors/verdict.ts';
import './PreflightTriggers.css';

const WHY: Readonly<Record<Extract<PreflightTrigger, { kind: 'header-value' }>['why'], string>> = {
  'content-type-essence': 'only application/x-www-form-urlencoded, multipart/form-data and text/plain are safelisted',
  'unsafe-byte': 'the value contains a byte the safelist forbids',
  'too-long': 'the value is longer than 128 bytes',
  'total-too-long': 'safelisted header values together exceed 1024 bytes',
  'invalid-value': 'the value is not one the safelist accepts',
};

function describe(trigger: PreflightTrigger) {
  switch (trigger.kind) {
    case 'method':
      return (
        <>
          Method <code>{trigger.method}</code> is not GET, HEAD or POST.
        </>
      );
    case 'header':
      return (
        <>
          Header <code>{trigger.name}</code> is not CORS-safelisted.
        </>
      );
    case 'header-value':
      return (
        <>
          <code>
            {trigger.name}: {trigger.value}
          </code>{' '}
          — {WHY[trigger.why]}.
        </>
      );
  }
}

/** "Why was this preflighted?": the request properties that made a preflight necessary. */
export function PreflightTriggers({ classification }: { classification: Classification }) {
  if (!classification.preflightNeeded) {
    return (
      <p class="muted">
        No preflight needed: a safelisted method with only safelisted headers (a “simple” request).
      </p>
    );
  }
  return (
    <ul class="triggers" data-testid="preflight-triggers">
      {classification.preflightTriggers.map((t, i) => (
        <li key={i}>{describe(t)}</li>
      ))}
    </ul>
  );
}
