/**
 * HAR analysis benchmark: `npx tsx bench/cli-har.ts [entries…]` (default 10000 100000).
 *
 * For each size, writes a synthetic HAR to a temporary file and analyzes it in a fresh child
 * process (so one run's garbage does not inflate the next one's memory), as the CLI's
 * `--format json` does: read the file, parse and validate (entry by entry), read exchanges,
 * evaluate, build the report's envelope (`reportParts`: the cookie pass, the fix evidence), then
 * build and write its rows one at a time (`jsonChunksOf`) to /dev/null. The text and the parsed
 * document are let go as the CLI lets them go. Prints CPU and wall time of each stage, entries
 * per second, peak RSS and the heap in use after writing, and each size's ratio to the first.
 * Since the rows are built while they are written, *analyze* counts writing too ("built +
 * written"): laziness cannot move work out of the figure. For scale it also measures, in another
 * fresh child, the least any analysis has to do: read the file and `JSON.parse` it, nothing
 * else (its CPU time and peak RSS). Figures only — nothing here asserts.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCapture } from '../src/shared/report/analyze-har.ts';
import { parseHarText } from '../src/shared/har/validate.ts';
import { readHarDocument, type HarCapture } from '../src/shared/har/read-har.ts';
import { reportParts } from '../src/shared/report/build.ts';
import { jsonChunksOf } from '../src/shared/report/json.ts';
import type { ReportExchange } from '../src/shared/report/types.ts';
import { syntheticHar } from './synthetic-har.ts';

type Stage = 'read' | 'parse' | 'exchanges' | 'evaluate' | 'build' | 'write';

interface Figures {
  readonly entries: number;
  readonly exchanges: number;
  readonly blocked: number;
  readonly cacheHits: number;
  readonly fileMiB: number;
  readonly jsonMiB: number;
  /** Wall-clock milliseconds per stage. */
  readonly wallMs: Readonly<Record<Stage, number>>;
  /** CPU milliseconds (user + system) per stage: steadier than wall time on a shared machine. */
  readonly cpuMs: Readonly<Record<Stage, number>>;
  readonly baselineRssMiB: number;
  readonly peakRssMiB: number;
  readonly heapUsedMiB: number;
}

const MiB = 1024 * 1024;

function child(file: string): Figures {
  const baselineRssMiB = process.memoryUsage().rss / MiB;
  const wallMs: Partial<Record<Stage, number>> = {};
  const cpuMs: Partial<Record<Stage, number>> = {};
  const stage = <T>(name: Stage, run: () => T): T => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const result = run();
    const used = process.cpuUsage(cpu);
    cpuMs[name] = (used.user + used.system) / 1000;
    wallMs[name] = performance.now() - wall;
    return result;
  };
  // Held in a box and let go once parsed, as the CLI does (`HarSource`).
  const source: { text: string | null } = { text: stage('read', () => readFileSync(file, 'utf8')) };
  const fileMiB = (source.text?.length ?? 0) / MiB;
  const { capture, entries } = readCapture(source, stage);
  const now = Date.now();
  const { exchanges, verdicts } = stage('evaluate', () => evaluateCapture(capture, now));
  const parts = stage('build', () =>
    reportParts(exchanges, verdicts, {
      generator: { name: 'cors-inspector', version: 'bench' },
      source: { kind: 'har', recorder: capture.recorder, file },
      generatedAt: new Date(now),
    }),
  );
  // As the CLI does: rows built one at a time, rendered and written, never one giant string.
  let cacheHits = 0;
  function* counted(rows: Iterable<ReportExchange>): Generator<ReportExchange> {
    for (const row of rows) {
      if (row.preflight?.fromCache === true) cacheHits++;
      yield row;
    }
  }
  const jsonLength = stage('write', () => {
    const sink = openSync('/dev/null', 'w');
    let length = 0;
    for (const chunk of jsonChunksOf(parts.envelope, counted(parts.rows))) {
      length += chunk.length;
      writeSync(sink, chunk);
    }
    closeSync(sink);
    return length;
  });
  const heapUsedMiB = process.memoryUsage().heapUsed / MiB;
  if (jsonLength === 0) throw new Error('empty output');
  return {
    entries,
    exchanges: parts.envelope.summary.exchanges,
    blocked: parts.envelope.summary.blocked,
    cacheHits,
    fileMiB,
    jsonMiB: jsonLength / MiB,
    wallMs: wallMs as Record<Stage, number>,
    cpuMs: cpuMs as Record<Stage, number>,
    baselineRssMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapUsedMiB,
  };
}

/** Parse, then read the exchanges; neither the text nor the parsed document outlives this frame. */
function readCapture(source: { text: string | null }, stage: <T>(name: Stage, run: () => T) => T): { capture: HarCapture; entries: number } {
  const text = source.text ?? '';
  source.text = null;
  const parsed = stage('parse', () => parseHarText(text));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { capture: stage('exchanges', () => readHarDocument(parsed.value)), entries: parsed.value.entries.length };
}

interface Floor {
  readonly cpuMs: number;
  readonly peakRssMiB: number;
}

/** CPU ms and peak RSS of reading the file and `JSON.parse` alone: the floor under any analysis of it. */
function floorChild(file: string): Floor {
  const cpu = process.cpuUsage();
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const used = process.cpuUsage(cpu);
  if (parsed === null) throw new Error('empty HAR');
  return { cpuMs: (used.user + used.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

const fixed = (value: number, digits = 0): string => value.toFixed(digits);

function runChild(mode: '--child' | '--floor', file: string): string {
  return execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), mode, file], {
    encoding: 'utf8',
    maxBuffer: 16 * MiB,
  });
}

interface Measured extends Figures {
  readonly floor: Floor;
  readonly fileBytes: number;
  /** The 1-minute load average before and after this size's two children. */
  readonly load: readonly [number, number];
}

function measure(entries: number, dir: string): Measured {
  const file = join(dir, `synthetic-${entries}.har`);
  const text = JSON.stringify(syntheticHar(entries));
  writeFileSync(file, text);
  const before = loadavg()[0] ?? 0;
  const figures = JSON.parse(runChild('--child', file)) as Figures;
  const floor = JSON.parse(runChild('--floor', file)) as Floor;
  return { ...figures, floor, fileBytes: Buffer.byteLength(text), load: [before, loadavg()[0] ?? 0] };
}


/** parse + exchanges + evaluate + build: HAR text in, the report's envelope out (its rows not yet built). */
function builtMs(ms: Readonly<Record<Stage, number>>): number {
  return ms.parse + ms.exchanges + ms.evaluate + ms.build;
}

/** What `analyze --format json` costs: built + written (the rows are built as they are written). */
function analyzeMs(ms: Readonly<Record<Stage, number>>): number {
  return builtMs(ms) + ms.write;
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const runs = sizes.length > 0 ? sizes : [10_000, 100_000];
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-'));
  try {
    const results = runs.map((n) => measure(n, dir));
    const first = results[0];
    console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('CPU ms per stage (wall ms in brackets); analyze = parse + exchanges + evaluate + build + write (rows built while written)');
    for (const r of results) {
      const stages = (['parse', 'exchanges', 'evaluate', 'build', 'write'] as const)
        .map((s) => `${s} ${fixed(r.cpuMs[s])} [${fixed(r.wallMs[s])}]`)
        .join(', ');
      const cpu = analyzeMs(r.cpuMs);
      const rssDelta = r.peakRssMiB - r.baselineRssMiB;
      const firstCpu = first === undefined ? cpu : analyzeMs(first.cpuMs);
      const firstDelta = first === undefined ? rssDelta : first.peakRssMiB - first.baselineRssMiB;
      const load = `load average ${fixed(r.load[0], 1)} → ${fixed(r.load[1], 1)}`;
      console.log(
        `${r.entries} entries (${fixed(r.fileMiB, 1)} MiB; ${r.exchanges} exchanges, ${r.blocked} blocked, ${r.cacheHits} cache hits): ` +
          `analyze ${fixed(cpu)} ms CPU [${fixed(analyzeMs(r.wallMs))} wall], ${fixed(r.entries / (cpu / 1000))} entries/s; ` +
          `peak RSS ${fixed(r.peakRssMiB)} MiB (+${fixed(rssDelta)}), heap after writing ${fixed(r.heapUsedMiB)} MiB; ` +
          `× first: time ${fixed(cpu / firstCpu, 1)}, memory ${fixed(firstDelta > 0 ? rssDelta / firstDelta : 1, 1)}; ${load}`,
      );
      console.log(`  ${stages}; output: JSON ${fixed(r.jsonMiB)} MiB`);
      console.log(
        `  floor: reading the file and JSON.parse alone take ${fixed(r.floor.cpuMs)} ms CPU (${fixed((100 * r.floor.cpuMs) / cpu)} % of analyze), ` +
          `peak RSS ${fixed(r.floor.peakRssMiB)} MiB (${fixed((r.floor.peakRssMiB * MiB) / r.fileBytes, 2)}× the file); ${load}`,
      );
      // The product's targets (issue 14): analyze ≤ 2.5× the floor, peak RSS ≤ 4× the file.
      const timeRatio = cpu / r.floor.cpuMs;
      const memoryRatio = (r.peakRssMiB * MiB) / r.fileBytes;
      console.log(
        `  ratios: built / floor ${fixed(builtMs(r.cpuMs) / r.floor.cpuMs, 2)}, built + written / floor ${fixed(timeRatio, 2)} (target ≤ 2.5 ${timeRatio <= 2.5 ? 'met' : 'NOT met'}), ` +
          `peak RSS / file ${fixed(memoryRatio, 2)} (target ≤ 4 ${memoryRatio <= 4 ? 'met' : 'NOT met'}); ${load}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(child(process.argv[3] ?? '')));
} else if (process.argv[2] === '--floor') {
  process.stdout.write(JSON.stringify(floorChild(process.argv[3] ?? '')));
} else {
  main();
}
