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
 *
 * The collector's pauses in each kept measurement are logged beside it (`SCALING_LOG=1`). A run
 * that allocates less than the young generation (16 MiB semi-space in Node 20) keeps most of what
 * it allocated alive at each scavenge, so at 2N each scavenge copies about twice as much and they
 * come twice as often: the collector's time grows ~4× while the work doubles. Past that size a
 * scavenge copies at most the young generation and the collector's share holds still; a case
 * whose collector share moves between sizes wants N that large (redirects to one URL).
 */

import { GCProfiler, setFlagsFromString } from 'node:v8';
import { loadavg } from 'node:os';
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

/** One size's kept measurement: the one with the least CPU time. */
export interface ScalingSample {
  /** CPU ms of the measurement (`repeat` runs). */
  readonly ms: number;
  /**
   * The collector's pauses in it (`v8.GCProfiler`): how many, and their ms. For the log only: a
   * pause is wall time, so on a loaded machine it also holds time spent waiting for a core and
   * can exceed the CPU time; the CPU time less it is no measure of the mutator's work.
   */
  readonly gcPauses: number;
  readonly gcMs: number;
}

export interface ScalingResult {
  readonly n: number;
  /** How many times the work ran per measurement. */
  readonly repeat: number;
  /** The measurement kept at N and at 2N. */
  readonly samples: readonly [ScalingSample, ScalingSample];
  /** CPU time at 2N over N: ~2 for linear work, ~4 for quadratic. */
  readonly ratio: number;
}

/** CPU milliseconds of this process (every thread: the main one and V8's helpers). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed<T>(c: ScalingCase<T>, input: T, repeat: number): ScalingSample {
  collectGarbage();
  const profiler = new GCProfiler();
  profiler.start();
  const start = cpuMs();
  for (let i = 0; i < repeat; i++) c.run(input);
  const ms = cpuMs() - start;
  const pauses = profiler.stop()?.statistics ?? [];
  // `cost`: microseconds of each pause.
  const gcMs = pauses.reduce((sum, pause) => sum + pause.cost, 0) / 1000;
  return { ms, gcPauses: pauses.length, gcMs };
}

function lesser(a: ScalingSample | undefined, b: ScalingSample): ScalingSample {
  return a === undefined || b.ms < a.ms ? b : a;
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
  while (repeat < 1 << 20 && Math.min(timed(c, small, repeat).ms, timed(c, small, repeat).ms) < minMs) repeat *= 2;
  let best: ScalingResult | null = null;
  for (let attempt = 0; attempt < (options.attempts ?? 3); attempt++) {
    let a: ScalingSample | undefined;
    let b: ScalingSample | undefined;
    for (let i = 0; i < runs; i++) {
      a = lesser(a, timed(c, small, repeat));
      b = lesser(b, timed(c, large, repeat));
    }
    if (a === undefined || b === undefined) break;
    const result: ScalingResult = { n, repeat, samples: [a, b], ratio: b.ms / Math.max(a.ms, 0.001) };
    if (best === null || result.ratio < best.ratio) best = result;
    if (best.ratio <= limit) break;
  }
  if (best === null) throw new Error('scalingRatio: no measurement (runs must be at least 1)');
  const result = best;
  // `SCALING_LOG=1 npx vitest run …` prints every measurement (for bench notes and tuning).
  if (process.env['SCALING_LOG'] !== undefined) process.stderr.write(`scaling ${JSON.stringify({ ...result, load: loadavg()[0] })}\n`);
  return result;
}
