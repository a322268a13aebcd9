/** What every part of the evaluator knows about the exchange once it is classified. */
import type { BrowserName, ObservedExchange, RequestMode } from '../../model/exchange.ts';
import type { BrowserVerdict, OtherReading } from '../verdict.ts';
import type { Failure } from '../rules/failure.ts';
import type { LegContext } from '../rules/classify.ts';
import { chromiumMessage, firefoxMessage } from '../content/messages.ts';

export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export interface Context {
  readonly x: ObservedExchange;
  readonly recorder: BrowserName;
  readonly requestOrigin: string | null;
  readonly mode: RequestMode;
  readonly legs: readonly LegContext[];
  readonly now: number;
}

/** A browser's verdict when it allows the exchange: no error, no message. */
export function allowedBrowserVerdict(browser: BrowserName): BrowserVerdict {
  return { browser, allowed: true, corsError: null, failedParameter: null, firefoxReason: null, consoleMessage: null, code: null };
}

const CHROMIUM_ALLOWS: OtherReading['chromium'] = { allowed: true, code: null, corsError: null, failedParameter: null };
const FIREFOX_ALLOWS: OtherReading['firefox'] = { allowed: true, code: null, firefoxReason: null };

/** Both browsers' decisions as data (no console text), for a credentials reading the evaluator did not take. */
export function otherReading(credentialed: boolean, failures: Readonly<Record<BrowserName, Failure | null>>): OtherReading {
  const c = failures.chromium;
  const f = failures.firefox;
  return {
    credentialed,
    chromium: c === null ? CHROMIUM_ALLOWS : { allowed: false, code: c.code, corsError: c.corsError, failedParameter: c.corsError === null ? null : (c.failedParameter ?? '') },
    firefox: f === null ? FIREFOX_ALLOWS : { allowed: false, code: f.code, firefoxReason: f.firefoxReason },
  };
}

export function browserVerdict(ctx: Context, browser: BrowserName, f: Failure | null): BrowserVerdict {
  if (f === null) return allowedBrowserVerdict(browser);
  const firstUrl = ctx.x.legs[0]?.request.url ?? '';
  const printedOrigin = ctx.requestOrigin ?? 'null';
  if (browser === 'chromium') {
    return {
      browser,
      allowed: false,
      corsError: f.corsError,
      failedParameter: f.corsError === null ? null : (f.failedParameter ?? ''),
      firefoxReason: null,
      consoleMessage: chromiumMessage(f, { firstUrl, printedOrigin, resourceType: ctx.x.resourceType }),
      code: f.code,
    };
  }
  return { browser, allowed: false, corsError: null, failedParameter: null, firefoxReason: f.firefoxReason, consoleMessage: firefoxMessage(f), code: f.code };
}
