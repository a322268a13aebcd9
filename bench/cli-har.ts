/**
 * HAR analysis benchmark: `npx tsx bench/cli-har.ts [entries…]` (default 10000 100000).
 *
 * For each size, writes a synthetic HAR to a temporary file and analyzes it in a fresh child
 * process (so one run's garbage does not inflate the next one's memory): read the file, parse and
 * validate, read exchanges, evaluate, build the report, render JSON and text. Prints CPU and wall
 * time of each stage, entries per second, peak RSS and the heap still in use with the report
 * alive, and each size's ratio to the first. For scale it also times, in another fresh child, the
 * least any analysis has to do: read the file and `JSON.parse` it, nothing else. Figures only —
 * nothing here asserts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCapture } from '../src/shared/report/analyze-har.ts';
import { parseHarText } from '../src/shared/har/validate.ts';
import { readHarDocument } from '../src/shared/har/read-har.ts';
import { buildReport } from '../src/shared/report/build.ts';
import { jsonChunks } from '../src/shared/report/json.ts';
import { textChunks } from '../src/shared/report/text.ts';
import { syntheticHar } from './synthetic-har.ts';

type Stage = 'read' | 'parse' | 'exchanges' | 'evaluate' | 'build' | 'json' | 'text';

interface Figures {
  readonly entries: number;
  readonly exchanges: number;
  readonly blocked: number;
  readonly cacheHits: number;
  readonly fileMiB: number;
  readonly jsonMiB: number;
  readonly textMiB: number;
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
  const text = stage('read', () => readFileSync(file, 'utf8'));
  const parsed = stage('parse', () => parseHarText(text));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const capture = stage('exchanges', () => readHarDocument(parsed.value));
  const now = Date.now();
  const { exchanges, verdicts } = stage('evaluate', () => evaluateCapture(capture, now));
  const report = stage('build', () =>
    buildReport(exchanges, verdicts, {
      generator: { name: 'cors-inspector', version: 'bench' },
      source: { kind: 'har', recorder: capture.recorder, file },
      generatedAt: new Date(now),
    }),
  );
  // As the CLI does: chunk by chunk, never one giant string.
  const size = (chunks: Iterable<string>): number => {
    let length = 0;
    for (const chunk of chunks) length += chunk.length;
    return length;
  };
  const jsonLength = stage('json', () => size(jsonChunks(report)));
  const textLength = stage('text', () => size(textChunks(report)));
  const heapUsedMiB = process.memoryUsage().heapUsed / MiB;
  if (jsonLength === 0 || textLength === 0) throw new Error('empty output');
  return {
    entries: parsed.value.entries.length,
    exchanges: report.summary.exchanges,
    blocked: report.summary.blocked,
    cacheHits: report.exchanges.filter((x) => x.preflight?.fromCache === true).length,
    fileMiB: text.length / MiB,
    jsonMiB: jsonLength / MiB,
    textMiB: textLength / MiB,
    wallMs: wallMs as Record<Stage, number>,
    cpuMs: cpuMs as Record<Stage, number>,
    baselineRssMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapUsedMiB,
  };
}

/** CPU ms of reading the file and `JSON.parse` alone: the floor under any analysis of it. */
function floorChild(file: string): number {
  const cpu = process.cpuUsage();
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const used = process.cpuUsage(cpu);
  if (parsed === null) throw new Error('empty HAR');
  return (used.user + used.system) / 1000;
}

const fixed = (value: number, digits = 0): string => value.toFixed(digits);

function runChild(mode: '--child' | '--floor', file: string): string {
  return execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), mode, file], {
    encoding: 'utf8',
    maxBuffer: 16 * MiB,
  });
}

interface Measured extends Figures {
  readonly floorCpuMs: number;
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
  const floorCpuMs = Number(runChild('--floor', file));
  return { ...figures, floorCpuMs, fileBytes: Buffer.byteLength(text), load: [before, loadavg()[0] ?? 0] };
}


/** parse + exchanges + evaluate + build: HAR text in, Report out (what `analyze` costs). */
function analyzeMs(ms: Readonly<Record<Stage, number>>): number {
  return ms.parse + ms.exchanges + ms.evaluate + ms.build;
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const runs = sizes.length > 0 ? sizes : [10_000, 100_000];
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-bench-'));
  try {
    const results = runs.map((n) => measure(n, dir));
    const first = results[0];
    console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('CPU ms per stage (wall ms in brackets); analyze = parse + exchanges + evaluate + build');
    for (const r of results) {
      const stages = (['parse', 'exchanges', 'evaluate', 'build', 'json', 'text'] as const)
        .map((s) => `${s} ${fixed(r.cpuMs[s])} [${fixed(r.wallMs[s])}]`)
        .join(', ');
      const cpu = analyzeMs(r.cpuMs);
      const rssDelta = r.peakRssMiB - r.baselineRssMiB;
      const firstCpu = first === undefined ? cpu : analyzeMs(first.cpuMs);
      const firstDelta = first === undefined ? rssDelta : first.peakRssMiB - first.baselineRssMiB;
      console.log(
        `${r.entries} entries (${fixed(r.fileMiB, 1)} MiB; ${r.exchanges} exchanges, ${r.blocked} blocked, ${r.cacheHits} cache hits): ` +
          `analyze ${fixed(cpu)} ms CPU [${fixed(analyzeMs(r.wallMs))} wall], ${fixed(r.entries / (cpu / 1000))} entries/s; ` +
          `peak RSS ${fixed(r.peakRssMiB)} MiB (+${fixed(rssDelta)}), heap with report ${fixed(r.heapUsedMiB)} MiB; ` +
          `× first: time ${fixed(cpu / firstCpu, 1)}, memory ${fixed(firstDelta > 0 ? rssDelta / firstDelta : 1, 1)}`,
      );
      console.log(`  ${stages}; output: JSON ${fixed(r.jsonMiB)} MiB, text ${fixed(r.textMiB)} MiB`);
      console.log(`  floor: reading the file and JSON.parse alone take ${fixed(r.floorCpuMs)} ms CPU (${fixed((100 * r.floorCpuMs) / cpu)} % of analyze)`);
      // The product's targets (issue 14): analyze ≤ 2.5× the floor, peak RSS ≤ 4× the file.
      const timeRatio = cpu / r.floorCpuMs;
      const memoryRatio = (r.peakRssMiB * MiB) / r.fileBytes;
      console.log(
        `  ratios: analyze / floor ${fixed(timeRatio, 2)} (target ≤ 2.5 ${timeRatio <= 2.5 ? 'met' : 'NOT met'}), ` +
          `peak RSS / file ${fixed(memoryRatio, 2)} (target ≤ 4 ${memoryRatio <= 4 ? 'met' : 'NOT met'}); load average ${fixed(r.load[0], 1)} → ${fixed(r.load[1], 1)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(child(process.argv[3] ?? '')));
} else if (process.argv[2] === '--floor') {
  process.stdout.write(String(floorChild(process.argv[3] ?? '')));
} else {
  main();
}
