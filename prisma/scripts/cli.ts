import { errorMessage } from "../src/db";

/** Runs a script's main function: prints a failure as one clear line and exits non-zero. */
export function runScript(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(typeof process.exitCode === "number" ? process.exitCode : 0),
    (error: unknown) => {
      console.error(`✖ ${name} failed: ${errorMessage(error)}`);
      if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
      process.exit(1);
    },
  );
}

/** Milliseconds since start, rounded, for progress messages. */
export function since(start: number): string {
  const ms = performance.now() - start;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
