/**
 * The worker-side bound: one `evaluateExchange` of the largest exchange Chrome can deliver. Chrome
 * caps a response's headers at 256 KiB (`net::kMaxHeadersSize`) and a request's are bounded the
 * same way in practice, so a hostile page can hand the worker a PUT with 256 KiB of request
 * header lines, preflighted with a 256 KiB `Access-Control-Allow-Headers`. The worker evaluates
 * it on every flush; this prints how long that takes, against a floor measured in the same run
 * (`structuredClone` of the same exchange: touching every byte once).
 *
 *   npx tsx bench/worker-exchange.ts [runs=20]
 */
import { loadavg } from 'node:os';
import type { ObservedExchange } from '../src/shared/model/exchange.ts';
import { evaluateExchange } from '../src/shared/cors/evaluate.ts';
import { ACAO, PUT_OK, preflighted } from '../src/shared/cors/build-exchange.test-util.ts';

const KIB_256 = 256 * 1024;

/** Header names `x-<prefix><i>` until their lines (`name: v\r\n`) fill `bytes`. */
function namesFilling(prefix: string, bytes: number): string[] {
  const names: string[] = [];
  for (let used = 0; ; ) {
    const name = `x-${prefix}${names.length}`;
    used += name.length + 5;
    if (used > bytes) return names;
    names.push(name);
  }
}

/** 256 KiB of request header lines; the Allow-Headers value fills 256 KiB, listing them or not. */
function largest(listed: boolean): ObservedExchange {
  const requestNames = namesFilling('h', KIB_256);
  const request = requestNames.map((name) => [name, 'v'] as const);
  const items: string[] = listed ? [...requestNames] : [];
  for (let used = items.join(',').length, i = 0; used < KIB_256 - 32; i++) {
    const item = `x-a${i}`;
    items.push(item);
    used += item.length + 1;
  }
  return preflighted({ request, preflightResponse: [ACAO, PUT_OK, ['Access-Control-Allow-Headers', items.join(',')]], actual: listed ? [ACAO] : null });
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function minMs(runs: number, work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = cpuMs();
    work();
    best = Math.min(best, cpuMs() - start);
  }
  return best;
}

const runs = Number(process.argv[2] ?? 20);
process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}, min of ${runs} runs (CPU ms)\n`);
for (const listed of [true, false]) {
  const x = largest(listed);
  const leg = x.legs[0];
  const headerCount = leg?.request.headers.length ?? 0;
  minMs(3, () => evaluateExchange(x, { now: 2_000 })); // warm-up
  const evaluate = minMs(runs, () => evaluateExchange(x, { now: 2_000 }));
  const floor = minMs(runs, () => structuredClone(x));
  process.stdout.write(
    `${listed ? 'all listed (allowed)' : 'none listed (blocked)'}: ${headerCount} request headers; evaluate ${evaluate.toFixed(1)} ms, floor ${floor.toFixed(1)} ms, ratio ${(evaluate / Math.max(floor, 0.01)).toFixed(2)}\n`,
  );
}
