/**
 * Reads Firefox's console service (the parent process's `nsIConsoleService`) over WebDriver BiDi:
 * `browsingContext.getTree` with `moz:scope: "chrome"` finds the browser window, and
 * `script.evaluate` runs `Services.console.getMessageArray()` there. Needs Firefox launched with
 * `--remote-allow-system-access` (launchFirefox does).
 *
 * Each CORS message is an nsIScriptError whose `category` is the security.properties key, with
 * its message-version digit (`CORSMissingAllowOrigin2`); its text names the URL that failed.
 * The service keeps only the most recent messages, so callers read after every scenario; reads
 * are de-duplicated here.
 */
import type { Browser } from 'puppeteer-core';
import type { FirefoxCorsMessage } from './oracle.ts';

/** The part of puppeteer's BiDi connection we use (not in puppeteer's public types). */
export interface BidiConnectionLike {
  send(method: string, params: object): Promise<unknown>;
  on(event: string, handler: (params: unknown) => void): unknown;
  off(event: string, handler: (params: unknown) => void): unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isConnection(v: unknown): v is BidiConnectionLike {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof Reflect.get(v, 'send') === 'function' &&
    typeof Reflect.get(v, 'on') === 'function' &&
    typeof Reflect.get(v, 'off') === 'function'
  );
}

/** puppeteer-core's `BidiBrowser.connection` (a public getter on the BiDi implementation). */
export function bidiConnection(browser: Browser): BidiConnectionLike {
  const c: unknown = Reflect.get(browser, 'connection');
  if (!isConnection(c)) {
    throw new Error('this puppeteer Browser exposes no WebDriver BiDi connection (launch Firefox with protocol "webDriverBiDi")');
  }
  return c;
}

/** The BiDi id of the privileged browser window (`chrome://browser/…`), found with `moz:scope: "chrome"`. */
export async function browserWindowContext(conn: BidiConnectionLike): Promise<string> {
  const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const body = isRecord(tree) && isRecord(tree.result) ? tree.result : tree;
  const contexts = isRecord(body) && Array.isArray(body.contexts) ? body.contexts : [];
  const top = contexts.find((c: unknown) => isRecord(c) && typeof c.context === 'string' && String(c.url).startsWith('chrome://browser/'));
  const first: unknown = top ?? contexts[0];
  if (!isRecord(first) || typeof first.context !== 'string') {
    throw new Error('no chrome-scope browsing context: is Firefox running with --remote-allow-system-access?');
  }
  return first.context;
}

/** Drops the trailing message-version digit(s): `CORSMissingAllowOrigin2` → `CORSMissingAllowOrigin`. */
export function reasonOf(category: string): string {
  return category.replace(/\d+$/, '');
}

/**
 * The URL a CORS console message names: `…the remote resource at <url>. (Reason: …` (quoted
 * ‘<url>’ for CORSNotSupportingCredentials; "…at <url> soon. (Reason" for the deprecation warning).
 */
export function urlOfMessage(message: string): string | null {
  const m = /remote resource at (?:‘([^’]+)’|(\S+?))(?: soon)?\.\s\(Reason/.exec(message);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** One nsIScriptError of the console service. */
export interface RawScriptError {
  category: string;
  message: string;
  flags: number;
  timeStamp: number;
}

/** Runs in the privileged browser window: every nsIScriptError the console service holds. */
const READ_EXPRESSION = `JSON.stringify(Services.console.getMessageArray().flatMap((m) => {
  if (!(m instanceof Ci.nsIScriptError)) return [];
  return [{ category: m.category, message: m.errorMessage, flags: m.flags, timeStamp: m.timeStamp }];
}))`;

function parseRaw(json: string): RawScriptError[] {
  const data: unknown = JSON.parse(json);
  if (!Array.isArray(data)) throw new Error('console read: not an array');
  return data.flatMap((d: unknown) => {
    if (!isRecord(d)) return [];
    const { category, message, flags, timeStamp } = d;
    if (typeof category !== 'string' || typeof message !== 'string' || typeof flags !== 'number' || typeof timeStamp !== 'number') return [];
    return [{ category, message, flags, timeStamp }];
  });
}

/** `script.evaluate`'s string result, whatever envelope the connection wraps it in. */
export function stringResult(response: unknown): string {
  const outer = isRecord(response) && isRecord(response.result) ? response.result : response;
  if (!isRecord(outer)) throw new Error('script.evaluate: unexpected response');
  if (outer.type === 'exception') {
    const details = isRecord(outer.exceptionDetails) ? outer.exceptionDetails.text : undefined;
    throw new Error(`script.evaluate in the chrome scope threw: ${String(details)}`);
  }
  const result = outer.result;
  if (!isRecord(result) || result.type !== 'string' || typeof result.value !== 'string') {
    throw new Error('script.evaluate: expected a string result');
  }
  return result.value;
}

export class FirefoxConsole {
  private readonly seen = new Set<string>();
  private readonly collected: FirefoxCorsMessage[] = [];

  private constructor(
    private readonly conn: BidiConnectionLike,
    private readonly context: string,
  ) {}

  /** Finds the privileged browser window to evaluate in. */
  static async open(browser: Browser): Promise<FirefoxConsole> {
    const conn = bidiConnection(browser);
    return new FirefoxConsole(conn, await browserWindowContext(conn));
  }

  private async readRaw(): Promise<RawScriptError[]> {
    return parseRaw(await this.evaluate(READ_EXPRESSION));
  }

  /**
   * Evaluates `expression` (which must produce a string) in the privileged browser window, where
   * `Services` is in scope: the cookie recorder reads `Services.cookies` this way.
   */
  async evaluate(expression: string): Promise<string> {
    const response = await this.conn.send('script.evaluate', {
      expression,
      target: { context: this.context },
      awaitPromise: false,
      resultOwnership: 'none',
    });
    return stringResult(response);
  }

  /** Every script error the console service holds now, whatever its category (cookie messages too). */
  async readAll(): Promise<readonly RawScriptError[]> {
    return this.readRaw();
  }

  /**
   * Reads the console service and returns the CORS messages not returned before. The service
   * logs a CORS failure in the parent process before the page's fetch settles, so reading after a
   * scenario's fetches have settled sees all of that scenario's messages.
   */
  async collect(): Promise<FirefoxCorsMessage[]> {
    const fresh: FirefoxCorsMessage[] = [];
    for (const m of await this.readRaw()) {
      if (!m.category.startsWith('CORS')) continue;
      const key = `${m.timeStamp}\u0000${m.category}\u0000${m.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const msg: FirefoxCorsMessage = {
        category: m.category,
        reason: reasonOf(m.category),
        message: m.message,
        url: urlOfMessage(m.message) ?? '',
        flags: m.flags,
        timeStamp: m.timeStamp,
      };
      fresh.push(msg);
      this.collected.push(msg);
    }
    return fresh;
  }

  /** Every CORS message collected so far, in console order. */
  all(): readonly FirefoxCorsMessage[] {
    return this.collected;
  }
}
