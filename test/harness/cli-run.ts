/**
 * The real CLI: runs `bin/cors-inspector.mjs analyze` on a HAR file, the path users take.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Har } from './har.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/cors-inspector.mjs analyze <file> --format json` (the path users take). */
export function runCliAnalyze(root: string, harFile: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/cors-inspector.mjs'), 'analyze', harFile, '--format', 'json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Writes `har` as `<fileName>` in a temporary directory and runs the real CLI on it (see runCliAnalyze). */
export async function runCliAnalyzeHar(root: string, har: Har, fileName: string): Promise<CliRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cors-inspector-diff-'));
  try {
    const file = path.join(dir, fileName);
    writeFileSync(file, JSON.stringify(har));
    return await runCliAnalyze(root, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
