/**
 * Reads the browser's cookie jar (the `cookies` API, through the platform door) once for each
 * exchange that ended, one read per hop with a response, and hands what it said to the tracker
 * as data (src/shared/cookies/browser-jar.ts): which `Set-Cookie` lines the jar holds, and which
 * of its cookies matching the hop's URL were not sent. An exchange is read once; a read that
 * fails, or says nothing (no `Set-Cookie` line and no cookie left home), changes nothing (the
 * rows then rest on the simulated jar alone).
 */
import type { TrackedExchange } from '../shared/capture/tracker.ts';
import { browserJarFacts } from '../shared/cookies/browser-jar.ts';
import { cookieHeaderOf, setCookieLinesOf } from '../shared/cookies/on-the-wire.ts';
import type { BrowserJarFacts } from '../shared/model/exchange.ts';

export class JarWatch {
  readonly #read: (url: string) => Promise<unknown>;
  readonly #attach: (x: TrackedExchange, leg: number, facts: BrowserJarFacts) => void;
  readonly #asked = new WeakSet<TrackedExchange>();

  constructor(read: (url: string) => Promise<unknown>, attach: (x: TrackedExchange, leg: number, facts: BrowserJarFacts) => void) {
    this.#read = read;
    this.#attach = attach;
  }

  /** The tracker changed `x`: once it has ended, read the jar for each of its hops. */
  changed(x: TrackedExchange): void {
    if (x.pending || x.retired || this.#asked.has(x)) return;
    this.#asked.add(x);
    x.legs.forEach((leg, i) => {
      if (leg.response === null) return;
      const lines = setCookieLinesOf(leg.response.headers);
      const cookie = cookieHeaderOf(leg.request.headers);
      this.#read(leg.request.url).then((answer) => {
        const facts = browserJarFacts(answer, cookie, lines);
        // nothing to say (no line, no cookie left home): no update, which keeps a burst cheap
        if (facts.stored.length > 0 || facts.unsent.length > 0) this.#attach(x, i, facts);
      }, () => undefined);
    });
  }
}
