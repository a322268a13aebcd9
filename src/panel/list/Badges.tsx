import type { Badge } from '../state/summary.ts';
import './Badges.css';

const TEXT: Readonly<Record<Badge, string>> = {
  preflight: 'preflight',
  'preflight-cached': 'preflight cached',
  redirect: 'redirect',
  credentials: 'credentials',
  'cookie-problem': 'cookie',
  warning: 'warning',
};

const TITLES: Readonly<Record<Badge, string>> = {
  preflight: 'An OPTIONS preflight was sent before the request',
  'preflight-cached': 'A preflight was needed but none was sent: inferred to come from the preflight cache',
  redirect: 'The request was redirected',
  credentials: 'Sent with credentials (cookies or credentials: include)',
  'cookie-problem': 'A cookie was withheld or a Set-Cookie refused (see Cookies; filter is:cookie-problem)',
  warning: 'Allowed, with a warning (see Explanation)',
};

export function Badges({ badges }: { badges: readonly Badge[] }) {
  return (
    <span class="badges">
      {badges.map((badge) => (
        <span key={badge} class={`badge badge-${badge}`} title={TITLES[badge]}>
          {TEXT[badge]}
        </span>
      ))}
    </span>
  );
}
