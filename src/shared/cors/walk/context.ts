/** What every part of the evaluator knows about the exchange once it is classified. */
import type { BrowserName, ObservedExchange, RequestMode } from '../../model/exchange.ts';
import type { BrowserVerdict, ReadingVerdict } from '../verdict.ts';
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

/** A browser's decision as data (no console text): for a reading the evaluator did not take. */
export function readingVerdict(browser: BrowserName, f: Failure | null): ReadingVerdict {
  if (f === null) return { allowed: true, corsError: null, failedParameter: null, firefoxReason: null, code: null };
  return browser === 'chromium'
    ? { allowed: false, corsError: f.corsError, failedParameter: f.corsError === null ? null : (f.failedParameter ?? ''), firefoxReason: null, code: f.code }
    : { allowed: false, corsError: null, failedParameter: null, firefoxReason: f.firefoxReason, code: f.code };
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
