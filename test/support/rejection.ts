/**
 * A rejection as the tests read it: an Error with whatever fields its class adds (this package's errors, the
 * cloud SDKs'), each to be narrowed or compared by the test.
 */
export type Rejection = Error & { readonly [field: string]: unknown };

/**
 * The error `p` rejects with; throws (failing the test) when `p` resolves instead. `E` is what the test
 * expects it to be (not checked here: the test asserts the class itself).
 */
export async function failure<E = Rejection>(p: Promise<unknown>): Promise<E> {
  try {
    await p;
  } catch (e) {
    return e as E;
  }
  throw new Error("expected a rejection, but the promise resolved");
}
