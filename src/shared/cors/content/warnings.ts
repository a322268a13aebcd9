/**
 * Problems that do not block today but will bite: cache poisoning without `Vary: Origin`,
 * credentialed reflection, `null` allowed, Max-Age beyond a browser's cap, headers script cannot
 * read, and `*` covering Authorization.
 */
import type { HttpHeader, ObservedExchange } from '../../model/exchange.ts';
import type { Warning } from '../verdict.ts';
import type { LegContext } from '../rules/classify.ts';
import { MAX_AGE_CAP, preflightLifetime } from '../../http/preflight-cache.ts';
import { SAFELISTED_RESPONSE_HEADER_NAMES } from '../../http/safelist.ts';
import { asciiLower, getHeader, headerValues, headerNames } from '../../http/headers.ts';
import { parseTokenList, splitList } from '../../http/list.ts';
import { firefoxAuthorizationWildcardWarning } from './messages.ts';

/** Headers that are transport- or CORS-plumbing: not worth telling the user they are unreadable. */
const UNINTERESTING = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'server', 'vary', 'content-encoding', 'set-cookie', 'set-cookie2', 'strict-transport-security', 'alt-svc', 'via', 'age', 'x-powered-by', 'timing-allow-origin', 'report-to', 'nel']);

function varyHasOrigin(headers: readonly HttpHeader[]): boolean {
  return headerValues(headers, 'vary').some((v) => splitList(v).some((t) => { const n = asciiLower(t); return n === 'origin' || n === '*'; }));
}

export interface WarningInput {
  readonly x: ObservedExchange;
  readonly legs: readonly LegContext[];
  readonly credentialed: boolean;
  /** The recorder's verdict allowed the exchange (so exposure matters). */
  readonly allowed: boolean;
  readonly authorizationByWildcard: boolean;
}

export function computeWarnings(input: WarningInput): Warning[] {
  const out: Warning[] = [];
  // A warning is said once per code and the values its words are built from (several legs may
  // carry the same answer); the words themselves are never compared.
  const said = new Set<string>();
  const add = (w: Warning, ...values: readonly string[]): void => {
    const key = [w.code, ...values].join('\n');
    if (said.has(key)) return;
    said.add(key);
    out.push(w);
  };
  const { x, legs } = input;
  for (const [i, leg] of x.legs.entries()) {
    const ctx = legs[i];
    if (ctx === undefined || !ctx.corsTainted) continue;
    const responses: { what: string; headers: readonly HttpHeader[]; preflight: boolean }[] = [];
    if (leg.response !== null) responses.push({ what: 'The response', headers: leg.response.headers, preflight: false });
    const pre = leg.preflight;
    if (pre !== null && pre.kind === 'observed' && pre.response !== null) responses.push({ what: 'The preflight response', headers: pre.response.headers, preflight: true });
    for (const r of responses) {
      const acao = getHeader(r.headers, 'access-control-allow-origin');
      if (acao === 'null') {
        add({ code: 'null-origin-allowed', detail: `${r.what} allows the origin \`null\`, which sandboxed iframes, \`data:\` documents and redirected requests from any site share; it is as open as \`*\` and also admits credentials.` }, r.what);
      } else if (!r.preflight && acao !== null && acao !== '*' && acao === ctx.actualOrigin && !varyHasOrigin(r.headers)) {
        // OPTIONS answers are not stored by HTTP caches, so Vary matters on actual responses only.
        const credentialed = getHeader(r.headers, 'access-control-allow-credentials') === 'true';
        add(
          credentialed
            ? { code: 'reflected-origin-with-credentials', detail: `${r.what} echoes the origin \`${acao}\` with \`Access-Control-Allow-Credentials: true\` and no \`Vary: Origin\`. If the server reflects any Origin, every site can read credentialed responses; allow-list origins, and send \`Vary: Origin\`.` }
            : { code: 'reflected-origin-without-vary', detail: `${r.what} echoes the origin \`${acao}\` without \`Vary: Origin\`; a shared cache can serve it to another origin, which then fails CORS. Send \`Vary: Origin\`.` },
          r.what,
          acao,
        );
      }
    }
    if (pre !== null && pre.kind === 'observed' && pre.response !== null) {
      const raw = getHeader(pre.response.headers, 'access-control-max-age');
      if (raw !== null) {
        const c = preflightLifetime('chromium', raw);
        const f = preflightLifetime('firefox', raw);
        if (c.parse === 'invalid' || f.parse === 'invalid') {
          add({ code: 'max-age-invalid', detail: `Access-Control-Max-Age \`${raw}\` is not a plain number of seconds: Chromium ${c.parse === 'invalid' ? 'falls back to 5 s' : `uses ${c.seconds} s`}, Firefox ${f.parse === 'invalid' ? 'does not cache the preflight at all' : `uses ${f.seconds} s`}.` }, raw);
        } else if (c.parse === 'capped' || f.parse === 'capped') {
          add({ code: 'max-age-above-cap', detail: `Access-Control-Max-Age \`${raw}\` exceeds ${f.parse === 'capped' ? 'both caps' : 'Chromium\'s cap'}: Chromium keeps a preflight at most ${MAX_AGE_CAP.chromium} s, Firefox at most ${MAX_AGE_CAP.firefox} s.` }, raw);
        }
      }
    }
  }
  if (input.authorizationByWildcard) {
    const url = x.legs[x.legs.length - 1]?.request.url ?? '';
    add({ code: 'authorization-covered-by-wildcard', detail: `\`Access-Control-Allow-Headers: *\` let the Authorization header through. Chromium 156 and Firefox 153 allow it, but the Fetch Standard says \`*\` never covers Authorization; list \`Authorization\` explicitly. Firefox logs: ${firefoxAuthorizationWildcardWarning(url)}` });
  }
  const last = x.legs[x.legs.length - 1];
  const lastCtx = legs[legs.length - 1];
  if (input.allowed && last !== undefined && last.response !== null && lastCtx?.corsTainted === true) {
    const headers = last.response.headers;
    const aceh = parseTokenList(headers, 'access-control-expose-headers');
    const exposed = new Set((aceh !== null && aceh.ok ? aceh.items : []).map(asciiLower));
    const all = exposed.has('*') && !input.credentialed;
    const hidden = headerNames(headers).filter(
      (n) => !n.startsWith('access-control-') && !UNINTERESTING.has(n) && !SAFELISTED_RESPONSE_HEADER_NAMES.includes(n) && !exposed.has(n) && !all,
    );
    if (hidden.length > 0) {
      add({ code: 'headers-not-exposed', detail: `Script cannot read ${hidden.map((h) => `\`${h}\``).join(', ')}: not CORS-safelisted and not in Access-Control-Expose-Headers.` });
    }
  }
  return out;
}
