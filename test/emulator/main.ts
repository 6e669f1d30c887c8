/**
 * Standalone emulator: starts a server with the demo fleet, prints ONE line of JSON
 * (`{"url": "...", "rdsInstanceId": "...", ...}`) to stdout and runs until SIGTERM or SIGINT.
 *
 * Run it compiled (Node 20 does not run TypeScript): `npx tsc -p . && node dist/test/emulator/main.js`.
 * Options: `--port N` (default: any free port), `--seed N`, `--latency MS`; or the environment variables
 * `EMULATOR_PORT`, `EMULATOR_SEED`, `EMULATOR_LATENCY_MS`.
 */
import { seedDemoFleet } from "./seedDemoFleet";
import { startEmulator } from "./server";

function option(flag: string, envName: string): number | undefined {
  const i = process.argv.indexOf(flag);
  const text = i >= 0 ? process.argv[i + 1] : process.env[envName];
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`emulator: ${flag} / ${envName} must be a non-negative integer, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    port: option("--port", "EMULATOR_PORT"),
    seed: option("--seed", "EMULATOR_SEED"),
    latencyMs: option("--latency", "EMULATOR_LATENCY_MS"),
  });
  const ids = seedDemoFleet(emulator, new Date());
  process.stdout.write(JSON.stringify({ url: emulator.url, ...ids }) + "\n");

  const stop = (signal: string) => {
    process.stderr.write(`emulator: ${signal}, ${emulator.count()} requests served, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
