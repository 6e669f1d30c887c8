/**
 * Text that came from a cloud (a backup's remark or name, an error code or message, a request id, a header
 * value) is shown to people with its invisible and terminal-controlling characters made visible, never
 * interpreted: an ESC sequence in a backup remark must not recolour, retitle or clear the operator's terminal,
 * a CR must not overwrite "FAILED" with "ok", a right-to-left override must not reorder what the operator reads.
 *
 * What is escaped, and how (lowercase hex, one form per range):
 * - C0 controls U+0000-U+001F, TAB, LF and CR included, as `\xNN` (`\x1b`, `\x07`, `\x09`, `\x0a`, `\x0d`): a
 *   cloud's text never starts a new line or jumps a column. Our own messages are one line each (errors.ts
 *   `BackupLookupError`), so nothing of ours is lost; where a sink keeps line structure (a stack trace) it
 *   applies this per line;
 * - DEL U+007F as `\x7f` and the C1 controls U+0080-U+009F as `\xNN` (`\x9b` is an 8-bit CSI to terminals
 *   that honour C1);
 * - bidirectional controls (Unicode's Bidi_Control: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
 *   the line and paragraph separators U+2028/U+2029, and the invisible U+200B (zero-width space), U+2060 (word
 *   joiner) and U+FEFF (zero-width no-break space / BOM) as `\uXXXX` (`\u202e`): they change what a reader sees
 *   without being seen. U+200C/U+200D (ZWNJ/ZWJ) stay: Persian and Indic text and emoji sequences need them.
 * Everything else is unchanged: accents, CJK, emoji, and the backslash itself.
 *
 * Why a backslash stays as it is: `visible` is idempotent (`visible(visible(s)) === visible(s)`), because its
 * output holds none of the characters it escapes. A message is made visible where it is built from cloud
 * fields and again where it is printed (defence in depth, for messages built elsewhere); escaping `\` as `\\`
 * would double every backslash at the second layer (`\x1b` -> `\\x1b`) and show Windows paths and regular
 * expressions in messages with doubled backslashes. The price: a cloud string holding the four characters
 * `\x1b` reads the same as one holding ESC. Telling them apart is what the exact outputs are for: the JSON
 * output (`--format json`, the machine contract) and the structured error fields (`code`, `requestId`) keep
 * every value exactly as the cloud sent it.
 *
 * Order with redaction: `visible(redact(text))`. Redaction works on the exact text (a registered secret that
 * held a control character would no longer match after escaping); escaping afterwards cannot reveal a secret,
 * it only adds printable `\x..`/`\u....` sequences.
 *
 * Hand-written because no well-kept library shows exactly this set (checked against the copies in
 * node_modules): `jsesc` (https://github.com/mathiasbynens/jsesc) escapes every non-ASCII character by default
 * (`中` -> `\u4E2D`) and in its `minimal` mode leaves C1, DEL and the bidi controls raw; `strip-ansi`
 * (https://github.com/chalk/strip-ansi) and Node's `util.stripVTControlCharacters` delete ANSI sequences
 * instead of showing them and leave BEL, CR and the bidi controls alone; Node's `util.inspect` quotes the
 * string, escapes quotes and backslashes, and leaves the bidi controls raw.
 */

/** Every character `visible` escapes (see the module comment). */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** `text` with control, bidi and invisible format characters shown as `\xNN` (up to U+00FF) or `\uXXXX`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
