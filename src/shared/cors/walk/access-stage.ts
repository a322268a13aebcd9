/**
 * The CORS check's checklist rows (Access-Control-Allow-Origin, then -Allow-Credentials) for one
 * response, with a detail sentence naming the exact problem.
 */
import type { BrowserName, HttpHeader } from '../../model/exchange.ts';
import type { Provenance } from '../verdict.ts';
import type { Walk } from './walk-state.ts';
import { accessCheck } from '../rules/access-check.ts';
import { check, SPEC } from '../content/check-row.ts';
import { accessFailure } from '../rules/failure.ts';
import { asciiLower, getHeader } from '../../http/headers.ts';
import { isParsableUrl } from '../../http/origin.ts';

export function runAccessCheck(
  w: Walk,
  prefix: string,
  headers: readonly HttpHeader[],
  status: number,
  origin: string | null,
  url: string,
  preflight: boolean,
  provenance: Provenance,
): boolean {
  const acao = getHeader(headers, 'access-control-allow-origin');
  const acac = getHeader(headers, 'access-control-allow-credentials');
  // The page's origin unknown (no initiator, Origin hidden by the recorder): assume a single valid
  // origin in ACAO names it, and say so, rather than failing on data we could not see.
  const assumed = origin === null && acao !== null && acao !== '*' && !/[ ,]/.test(acao) && isParsableUrl(acao) ? acao : null;
  const result = accessCheck(w.browser, { headers, allowOrigin: acao, allowCredentials: acac, status, origin: origin ?? assumed, credentialed: w.input.credentialed });
  const originFailed = !result.ok && result.header === 'origin';
  const expectedOrigin = w.input.credentialed ? `\`${origin ?? 'null'}\` (not \`*\`: the request is credentialed)` : `\`${origin ?? 'null'}\` or \`*\``;
  w.row(() =>
    check({
      id: `${prefix}.allow-origin`,
      title: 'Access-Control-Allow-Origin matches the origin',
      status: originFailed ? 'fail' : assumed !== null ? 'unknown' : 'pass',
      observed: acao,
      expected: expectedOrigin,
      detail: assumed !== null && !originFailed ? `The page's origin is not in the recording; assuming it is \`${assumed}\`.` : originDetail(w.browser, result.ok ? null : result, acao, origin, headers),
      ...(originFailed ? { code: preflight ? preflightCode(result.code) : result.code } : {}),
      provenance: assumed !== null ? 'inferred' : provenance,
      spec: SPEC.corsCheck,
    }),
  );
  if (w.input.credentialed) {
    const credFailed = !result.ok && result.header === 'credentials';
    w.row(() =>
      check({
        id: `${prefix}.allow-credentials`,
        title: 'Access-Control-Allow-Credentials is `true`',
        status: originFailed ? 'not-applicable' : credFailed ? 'fail' : 'pass',
        observed: acac,
        expected: '`true` (exactly, lower-case)',
        detail: originFailed
          ? 'Not reached: the origin check failed first.'
          : credFailed
            ? `The request is credentialed, so the response must carry \`Access-Control-Allow-Credentials: true\`; it ${acac === null ? 'is absent' : `is \`${acac}\``}.`
            : 'The credentialed response is allowed.',
        ...(credFailed ? { code: preflight ? 'preflight-invalid-allow-credentials' : 'invalid-allow-credentials' } : {}),
        provenance,
        spec: SPEC.credentials,
      }),
    );
  }
  if (!result.ok) w.fail(accessFailure(w.browser, result.code, result.param, url, preflight, provenance));
  return result.ok;
}

function preflightCode(code: Parameters<typeof accessFailure>[1]) {
  switch (code) {
    case 'missing-allow-origin':
      return 'preflight-missing-allow-origin' as const;
    case 'multiple-allow-origin':
      return 'preflight-multiple-allow-origin' as const;
    case 'invalid-allow-origin':
      return 'preflight-invalid-allow-origin' as const;
    case 'allow-origin-mismatch':
      return 'preflight-allow-origin-mismatch' as const;
    case 'wildcard-origin-with-credentials':
      return 'preflight-wildcard-origin-with-credentials' as const;
    case 'invalid-allow-credentials':
      return 'preflight-invalid-allow-credentials' as const;
    default: {
      const _exhaustive: never = code;
      return _exhaustive;
    }
  }
}

function originDetail(
  browser: BrowserName,
  result: { code: string; param: string } | null,
  acao: string | null,
  origin: string | null,
  headers: readonly HttpHeader[],
): string {
  const o = origin ?? 'null';
  if (result === null) return acao === '*' ? 'The wildcard `*` allows any origin for a request without credentials.' : `It is \`${o}\`, the request's origin.`;
  switch (result.code) {
    case 'missing-allow-origin':
      return 'The response has no Access-Control-Allow-Origin header (error pages and proxies often drop it).';
    case 'wildcard-origin-with-credentials':
      return 'It is `*`, which never allows a credentialed request; echo the origin instead.';
    case 'multiple-allow-origin': {
      const lines = headers.filter((h) => asciiLower(h.name) === 'access-control-allow-origin').length;
      return lines > 1
        ? `It was sent ${lines} times; browsers need exactly one value.`
        : `It holds several values (\`${acao ?? ''}\`); only one origin is allowed.`;
    }
    case 'invalid-allow-origin':
      return `\`${acao ?? ''}\` is not a valid origin; it must be \`${o}\`.`;
    case 'allow-origin-mismatch': {
      if (acao !== null && acao === `${o}/`) return `It is \`${acao}\`: a trailing slash; a serialized origin has none.`;
      if (acao !== null && acao.toLowerCase() === o.toLowerCase()) return `It is \`${acao}\`: origins compare byte for byte, case included.`;
      if (acao !== null && acao.includes(',') && browser === 'firefox') return `It holds several values (\`${acao}\`); only one origin is allowed.`;
      if (o === 'null') return `It is \`${acao ?? ''}\`, but the request's origin is \`null\`: a cross-origin redirect tainted it.`;
      return `It is \`${acao ?? ''}\`, not the request's origin \`${o}\`.`;
    }
    default:
      return 'The credentials check failed.';
  }
}
