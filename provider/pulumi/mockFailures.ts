/**
 * The errors `pulumi-backup-lookups/testing` throws from `mocks.call`, so the get functions rethrow them as they are.
 * Pulumi's invoke turns an error of `mocks.call` into `new Error(err.details)` (sdk/nodejs/runtime/invoke.ts
 * `invokeAsync`, which expects a gRPC error): the message survives, the class does not. A deployment's get function
 * throws the lookup's own error (`StaleBackupError`, `NoBackupFoundError`), so a unit test should see that too.
 */
const thrown = new Map<string, Error>();
/** At most this many are kept (an error the program never receives through a get function is dropped in time). */
const KEPT = 64;

/** Records an error the mocks are about to throw (keyed by its message, which is all the invoke keeps). */
export function rememberMockFailure(err: Error): void {
  thrown.delete(err.message);
  thrown.set(err.message, err);
  if (thrown.size > KEPT) thrown.delete(thrown.keys().next().value!);
}

/** The error the mocks threw for `err` (the invoke's copy), or `err` itself. */
export function mockFailureOf(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const original = thrown.get(err.message);
  if (!original) return err;
  thrown.delete(err.message);
  return original;
}
