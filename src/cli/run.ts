/**
 * The CLI's process entry (bundled to dist/cli/cors-inspector.mjs): runs `main` on the real
 * process and turns anything unexpected into one stderr line and exit status 2.
 */
import { EXIT_ERROR, oneLine } from './errors.ts';
import { main } from './main.ts';
import { CLI_NAME } from './version.ts';

function internalError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${CLI_NAME}: internal error: ${oneLine(message)}\n`);
  process.exitCode = EXIT_ERROR;
}

// A closed pipe (`cors-inspector analyze x.har | head`) is not an error worth a message; the exit
// status is still the verdict's (`statusKnown` sets it before the report is written).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(error);
});

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
    statusKnown: (status) => {
      process.exitCode = status;
    },
  });
} catch (error) {
  internalError(error);
}
