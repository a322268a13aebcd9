/**
 * What a request's webRequest resource type alone says about its mode and credentials mode, which
 * the capture then tells the evaluator (the wire never says the credentials mode):
 * - `font`: a web font (`@font-face`, `FontFace`) is always fetched in mode `cors` with
 *   credentials `same-origin` (https://drafts.csswg.org/css-fonts-4/#font-fetching-requirements);
 *   no attribute changes that, so a font never sends cookies cross-origin and `*` always suits it.
 * Images, stylesheets and scripts are decided by their `crossorigin` attribute
 * (https://html.spec.whatwg.org/#cors-settings-attributes: none → `no-cors`, `anonymous` → `cors`
 * with `same-origin`, `use-credentials` → `cors` with `include`), a module script is `cors` either
 * way, and webRequest shows none of it: there `Sec-Fetch-Mode` tells the mode, and a `Cookie` or
 * `Sec-Fetch-Storage-Access` header tells `include`.
 */
import type { CredentialsMode, RequestMode } from '../model/exchange.ts';

export interface FixedModes {
  readonly mode: RequestMode;
  readonly credentialsMode: CredentialsMode;
}

const BY_TYPE: Readonly<Record<string, FixedModes>> = {
  font: { mode: 'cors', credentialsMode: 'same-origin' },
};

/** The modes a webRequest resource type fixes, or nothing when the page chose them. */
export function fixedModes(resourceType: string): FixedModes | Record<string, never> {
  return Object.hasOwn(BY_TYPE, resourceType) ? (BY_TYPE[resourceType] ?? {}) : {};
}
