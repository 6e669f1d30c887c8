/**
 * `JSON.parse` at a test's boundary (a CLI's stdout, a response body, a package.json): the text is taken to be
 * `T`, which the test then asserts on. Without `T` the value is `unknown`, to be narrowed.
 */
export function parseJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/** A JSON object whose fields the test reads (each `unknown` until asserted or narrowed). */
export type JsonObject = Record<string, unknown>;
