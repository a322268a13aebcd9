import type { PreflightTrigger } from '../verdict.ts';

/**
 * A CORS-preflight trigger in words ("method PUT", "header x-api-key", "header content-type:
 * application/json (content-type-essence)"). `maxValue` shortens long header values for display
 * (checklist rows); the report keeps them whole.
 */
export function describeTrigger(trigger: PreflightTrigger, maxValue = Infinity): string {
  switch (trigger.kind) {
    case 'method':
      return `method ${trigger.method}`;
    case 'header':
      return `header ${trigger.name}`;
    case 'header-value': {
      const value = trigger.value.length > maxValue ? `${trigger.value.slice(0, maxValue)}…` : trigger.value;
      return `header ${trigger.name}: ${value} (${trigger.why})`;
    }
    default: {
      const unknownTrigger: never = trigger;
      return unknownTrigger;
    }
  }
}
