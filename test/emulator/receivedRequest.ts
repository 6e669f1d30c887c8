/**
 * An HTTP request as the emulator received it, fully read, in the form the signature checks and handlers
 * need: the raw path and query (signatures are computed over them) and their decoded forms.
 */
import type { IncomingHttpHeaders } from "node:http";

/** A request, read to the end. */
export interface ReceivedRequest {
  method: string;
  /** The path exactly as sent, without the query string (still percent-encoded). */
  rawPath: string;
  /** The query string exactly as sent, without the leading `?` (may be empty). */
  rawQuery: string;
  /** The decoded query; a repeated key keeps its last value. */
  query: Record<string, string>;
  /** Node lower-cases header names. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Decodes `a=1&b=x%20y` (also `+` as a space, as form encoding has it); a repeated key keeps its last value. */
export function parseQueryString(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = value;
  return out;
}

/** A percent-encoded path segment or query component, decoded; one with a malformed escape (`%zz`) is kept as sent. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A single header value (the first, if repeated), or undefined. */
export function headerValue(req: ReceivedRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
