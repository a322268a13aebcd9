/**
 * How a CORS failure shows in the page, per kind of request: what the page's code can observe (a
 * rejected promise, an element's `error` event, nothing at all), that only the console names the
 * reason, and what decides the credentials mode for that kind. Data keyed by kind, like the
 * explanations keyed by reason code (explanations.ts), rendered after them.
 *
 * Verified in Chromium 156 and Firefox 153 (lab scenarios img-*, stylesheet-*, font-*, script-*,
 * module-*): every refused element load is only an `error` event (a rejected `FontFace.load()`,
 * `NetworkError` with no reason, for a font), never an exception.
 */
import type { ObservedExchange } from '../../model/exchange.ts';
import { asciiLower, getHeader } from '../../http/headers.ts';

/** Who made the request, as far as its CORS failure shows differently in the page. */
export type RequestKind = 'script-api' | 'image' | 'stylesheet' | 'font' | 'script';

const CREDENTIALS_BY_ATTRIBUTE =
  'The element\'s `crossorigin` attribute decides the credentials mode: `anonymous` sends no cookies, `use-credentials` sends them (and then needs the exact origin and `Access-Control-Allow-Credentials: true`)';

export const IN_PAGE: Readonly<Record<RequestKind, string>> = {
  'script-api':
    'In the page, `fetch()` rejects with a `TypeError` and an `XMLHttpRequest` fires its `error` event with status 0; neither says why, only the console does. `credentials: "include"` (`withCredentials = true`) sends cookies and makes `Access-Control-Allow-Credentials` matter.',
  image: `In the page, the image fails silently: its \`error\` event fires and nothing is thrown, so there is no exception to catch; only the console says why. ${CREDENTIALS_BY_ATTRIBUTE}; without the attribute the image is not a CORS request at all (it loads, but taints a canvas).`,
  stylesheet: `In the page, the stylesheet fails silently: the \`<link>\` fires its \`error\` event, its rules are not applied and nothing is thrown; only the console says why. ${CREDENTIALS_BY_ATTRIBUTE}; without the attribute the stylesheet is not a CORS request at all.`,
  font: 'In the page, the font fails silently: the text is drawn in a fallback font and nothing is thrown (`FontFace.load()` and `document.fonts` report only a `NetworkError`); only the console says why. A font is always requested in CORS mode without credentials, whatever the page does: `Access-Control-Allow-Origin: *` always suits it.',
  script: `In the page, the script never runs: the \`<script>\` element fires its \`error\` event and nothing is thrown; only the console says why. ${CREDENTIALS_BY_ATTRIBUTE}; a classic script without the attribute is not a CORS request, a module script always is.`,
};

/** webRequest `type`s and HAR `_resourceType`s (lower-cased) → kind. */
const BY_RESOURCE_TYPE: Readonly<Record<string, RequestKind>> = {
  fetch: 'script-api',
  xhr: 'script-api',
  xmlhttprequest: 'script-api',
  eventsource: 'script-api',
  image: 'image',
  imageset: 'image',
  stylesheet: 'stylesheet',
  font: 'font',
  script: 'script',
};

/** `Sec-Fetch-Dest` values (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-dest-header) → kind, when no resource type was recorded (Firefox's HAR). */
const BY_DESTINATION: Readonly<Record<string, RequestKind>> = {
  empty: 'script-api',
  image: 'image',
  style: 'stylesheet',
  font: 'font',
  script: 'script',
};

/** The kind of request, from the recorded resource type, else the request's `Sec-Fetch-Dest`; null when neither says. */
export function requestKindOf(x: ObservedExchange): RequestKind | null {
  const type = asciiLower(x.resourceType ?? '');
  if (Object.hasOwn(BY_RESOURCE_TYPE, type)) return BY_RESOURCE_TYPE[type] ?? null;
  const first = x.legs[0]?.request;
  const dest = first === undefined || first.headersProvisional === true ? null : getHeader(first.headers, 'sec-fetch-dest');
  const key = asciiLower(dest ?? '');
  return Object.hasOwn(BY_DESTINATION, key) ? (BY_DESTINATION[key] ?? null) : null;
}

/** How the failure shows in the page for this exchange's kind of request; null when the kind is unknown. */
export function inPageSymptom(x: ObservedExchange): string | null {
  const kind = requestKindOf(x);
  return kind === null ? null : IN_PAGE[kind];
}
