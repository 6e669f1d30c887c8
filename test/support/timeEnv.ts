/**
 * The variables that set a process's clock and time zone, for the children tests start with an explicit
 * environment (the CLI, the provider host, programs in installed projects): `TZ`, and libfaketime's
 * `LD_PRELOAD` / `FAKETIME*`. Passed on, they give every child the time of the test process, so the whole suite
 * can be run at a chosen instant (`faketime '2026-12-31 23:59:40' npx jest`) or in another zone
 * (`TZ=Asia/Shanghai npx jest`) with the emulator, the CLI and the provider host agreeing on "now". Without them
 * a child would read the real clock while the emulator in the test process checks signatures against the faked
 * one. None of them is a credential; unset ones are left out, so an ordinary run passes nothing.
 */
const NAMES = ["TZ", "LD_PRELOAD", "DONT_FAKE_MONOTONIC", "NO_FAKE_STAT"];

/** The clock and time-zone variables of this process that are set (see the file header). */
export function timeEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && (NAMES.includes(k) || k.startsWith("FAKETIME"))) out[k] = v;
  return out;
}
