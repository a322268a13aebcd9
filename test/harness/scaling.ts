/**
 * Scaling tests: does doubling what an attacker controls (header lines, list items, redirects,
 * identical requests, entries) at most ~double the work? Measured as a ratio within one run,
 * never as a time limit, so a slow or loaded machine cannot fail it; a quadratic stage doubles
 * into ~4× and fails it.
 *
 * How it stays steady on a shared 2-core machine: CPU time of this process (`process.cpuUsage`:
 * time spent waiting for a core does not count); a full garbage collection before each
 * measurement (otherwise the collector's work grows with the heap the inputs occupy, and a linear
 * stage over an input twice as large can read ~3×); the work repeated until one measurement costs
 * at least `minMs` (the sizes stay moderate: past a few thousand items, hash tables and sorts
 * outgrow the CPU caches and even a plain `Map` of the input doubles into ~2.8×); runs of N and
 * 2N interleaved so a burst of load hits both; the minimum of several runs per size; and a fresh
 * measurement when a ratio still comes out high (a quadratic stage fails every attempt).
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface ScalingCase<T> {
  /** The input of size `n`, built outside the measurement. */
  readonly build: (n: number) => T;
  /** The work under test. */
  readonly run: (input: T) => unknown;
}

export interface ScalingOptions {
  /** N: the smaller size (2N is the larger). */
  readonly n: number;
  /** CPU milliseconds one measurement of size N must reach (the work is repeated). Default 50. */
  readonly minMs?: number;
  /** Runs per size; the minimum is kept. Default 5. */
  readonly runs?: number;
  /** Fresh measurements while the ratio exceeds `limit`. Default 3. */
  readonly attempts?: number;
  /** The ratio the case is held to (used to decide whether to measure again). Default 2.5. */
  readonly limit?: number;
}

export interface ScalingResult {
  readonly n: number;
  /** How many times the work ran per measurement. */
  readonly repeat: number;
  /** Minimum CPU ms of one run at N and at 2N. */
  readonly ms: readonly [number, number];
  /** `ms[1] / ms[0]`: ~2 for linear work, ~4 for quadratic. */
  readonly ratio: number;
}

/** CPU milliseconds of this process (every thread: the main one and V8's helpers). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed<T>(c: ScalingCase<T>, input: T, repeat: number): number {
  collectGarbage();
  const start = cpuMs();
  for (let i = 0; i < repeat; i++) c.run(input);
  return cpuMs() - start;
}

/** Measures the ratio of the work at 2N to the work at N; see the file comment for how. */
export function scalingRatio<T>(c: ScalingCase<T>, options: ScalingOptions): ScalingResult {
  const minMs = options.minMs ?? 50;
  const runs = options.runs ?? 5;
  const limit = options.limit ?? 2.5;
  const { n } = options;
  const small = c.build(n);
  const large = c.build(2 * n);
  // Warm-up: JIT and lazily built tables.
  timed(c, small, 1);
  timed(c, large, 1);
  let repeat = 1;
  // The lesser of two timings, so one burst of load does not end the calibration early.
  while (repeat < 1 << 20 && Math.min(timed(c, small, repeat), timed(c, small, repeat)) < minMs) repeat *= 2;
  let best: ScalingResult | null = null;
  for (let attempt = 0; attempt < (options.attempts ?? 3); attempt++) {
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < runs; i++) {
      a = Math.min(a, timed(c, small, repeat));
      b = Math.min(b, timed(c, large, repeat));
    }
    const result: ScalingResult = { n, repeat, ms: [a, b], ratio: b / Math.max(a, 0.001) };
    if (best === null || result.ratio < best.ratio) best = result;
    if (best.ratio <= limit) break;
  }
  const result = best ?? { n, repeat, ms: [0, 0], ratio: 0 };
  // `SCALING_LOG=1 npx vitest run …` prints every measurement (for bench notes and tuning).
  if (process.env['SCALING_LOG'] !== undefined) process.stderr.write(`scaling ${JSON.stringify(result)}\n`);
  return result;
}
