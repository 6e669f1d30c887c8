/**
 * provider/core/visible.ts: cloud text shown to people has its control, bidi and invisible format characters
 * made visible, never interpreted; the rest (accents, CJK, emoji, backslashes) is unchanged. Then one hostile
 * string per in-process output path, exact: the table format, the error messages built from cloud fields
 * (AlibabaApiError, HuaweiApiError, the official client's ResponseError), a Pulumi diagnostic (pulumiLogger),
 * the order with redaction; and the machine formats keeping the exact value (JSON, env). The paths that run the
 * command (stderr, --debug, a table from the emulator) are in test/visibleCli.test.ts.
 */
import { execFileSync } from "node:child_process";
import { AlibabaApiError } from "../../provider/clouds/alibaba/AlibabaApiError";
import { toAlibabaError } from "../../provider/clouds/alibaba/AlibabaRpcClient";
import { HuaweiApiError } from "../../provider/clouds/huawei/HuaweiApiError";
import { formatOutput } from "../../provider/cli/formatOutput";
import { BackupLookupError, InconsistentResponseError } from "../../provider/core/errors";
import { registerSecret } from "../../provider/core/redact";
import { visible } from "../../provider/core/visible";
import { pulumiLogger } from "../../provider/pulumi/pulumiLogger";
import { parseJson } from "../support/json";

describe("visible", () => {
  it.each<[string, string, string]>([
    ["ESC CSI colour", "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"],
    ["OSC window title ended by BEL", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"],
    ["DCS ended by ST (ESC \\): the backslash stays", "\x1bP+q544e\x1b\\", "\\x1bP+q544e\\x1b\\"],
    ["screen clear and cursor home", "\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"],
    ["BEL", "ding\x07", "ding\\x07"],
    ["CR overwriting the line", "ok\rFAILED", "ok\\x0dFAILED"],
    ["LF and CRLF: cloud text never starts a line", "one\ntwo\r\nthree", "one\\x0atwo\\x0d\\x0athree"],
    ["TAB", "a\tb", "a\\x09b"],
    ["backspace", "abc\b\b\bxyz", "abc\\x08\\x08\\x08xyz"],
    ["NUL", "a\0b", "a\\x00b"],
    ["unit separator, the last C0", "a\x1fb", "a\\x1fb"],
    ["DEL", "a\x7fb", "a\\x7fb"],
    ["C1 CSI (8-bit)", "\x9b31mred", "\\x9b31mred"],
    ["C1 DCS, OSC, and the first and last C1", "\x90q\x9d0;t\x80\x9f", "\\x90q\\x9d0;t\\x80\\x9f"],
    ["RLO reorders what follows", "invoice_\u202excod.exe", "invoice_\\u202excod.exe"],
    ["LRE, RLE, PDF, LRO", "\u202aa\u202bb\u202cc\u202dd", "\\u202aa\\u202bb\\u202cc\\u202dd"],
    ["LRI, RLI, FSI, PDI", "\u2066a\u2067b\u2068c\u2069", "\\u2066a\\u2067b\\u2068c\\u2069"],
    ["LRM, RLM, ALM", "a\u200eb\u200fc\u061cd", "a\\u200eb\\u200fc\\u061cd"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    ["zero-width space, word joiner, BOM", "rm-\u200bbp1\u2060x\ufeff", "rm-\\u200bbp1\\u2060x\\ufeff"],
  ])("%s", (_name, input, expected) => {
    expect(visible(input)).toBe(expected);
    // idempotent: a message made visible where it is built and again where it is printed reads the same
    expect(visible(expected)).toBe(expected);
  });

  it.each<[string, string]>([
    ["plain ASCII", "DescribeBackups failed: Throttling.User (HTTP 400)"],
    ["Chinese", "每日备份 实例 rm-bp1 的自动备份"],
    ["accents and NBSP", "café naïve Ærø\u00a0Zürich"],
    ["emoji, a ZWJ family and a flag", "🚀 👨\u200d👩\u200d👧 🇨🇳 ✅"],
    ["ZWNJ in Persian", "می\u200cخواهم"],
    ["Arabic and Hebrew letters (no bidi controls)", "نسخة احتياطية גיבוי"],
    ["backslashes as they are, even ones that read like escapes", "C:\\backups\\x1b and \\u202e"],
  ])("%s: unchanged", (_name, input) => {
    expect(visible(input)).toBe(input);
  });
});

/** One hostile string for the paths below: a DCS request, an OSC title, a CR overwrite, C1 CSI, RLO, DEL. */
const HOSTILE = "nightly\x1bP+q544e\x1b\\ \x1b]0;pwned\x07ok\rFAILED \x9b31m\u202eevil\x7f";
const HOSTILE_SHOWN = "nightly\\x1bP+q544e\\x1b\\ \\x1b]0;pwned\\x07ok\\x0dFAILED \\x9b31m\\u202eevil\\x7f";

describe("where cloud text reaches people", () => {
  const outputs = { backupId: "b-1", remark: HOSTILE, tags: ["a\x1b[1m", "b"] };

  it("--format table: every cell made visible", () => {
    expect(formatOutput(outputs, { format: "table", secrets: [], showSecrets: false }).text).toBe(
      ["output    value", "backupId  b-1", `remark    ${HOSTILE_SHOWN}`, "tags      a\\x1b[1m,b", ""].join("\n"),
    );
    expect(formatOutput([{ backupId: "b-1", backupName: HOSTILE }], { format: "table", secrets: [], showSecrets: false }).text).toBe(
      ["backupId  backupName", `b-1       ${HOSTILE_SHOWN}`, ""].join("\n"),
    );
  });

  it("--format json keeps the exact value: JSON escapes C0 itself, leaves DEL, C1 and bidi as they are", () => {
    const text = formatOutput(outputs, { format: "json", secrets: [], showSecrets: false }).text;
    expect(parseJson<{ remark: string }>(text).remark).toBe(HOSTILE);
    expect(text).toContain('"remark": "nightly\\u001bP+q544e\\u001b\\\\ \\u001b]0;pwned\\u0007ok\\rFAILED \x9b31m\u202eevil\x7f"');
  });

  it("--format env keeps the exact value inside single quotes: a shell reads it back unchanged", () => {
    const text = formatOutput({ remark: HOSTILE }, { format: "env", secrets: [], showSecrets: false }).text;
    expect(text).toBe(`BACKUP_REMARK='${HOSTILE}'\n`);
    expect(execFileSync("sh", ["-c", `eval "$(cat)"; printf %s "$BACKUP_REMARK"`], { input: text, encoding: "utf8" })).toBe(HOSTILE);
  });

  it("--format dotenv still refuses a line break (a CR too)", () => {
    expect(() => formatOutput({ remark: HOSTILE }, { format: "dotenv", secrets: [], showSecrets: false })).toThrow(
      new BackupLookupError("output remark contains a line break, which a dotenv line cannot hold; use --format env or --format json"),
    );
  });

  it("AlibabaApiError: code, message and request id shown visible in the message; the fields keep the exact values", () => {
    const err = new AlibabaApiError({ code: "Forbidden\x1b[8m", requestId: "REQ-\x9b2J-1", httpStatus: 403, kind: "auth", action: "DescribeBackups" }, HOSTILE);
    expect(err.message).toBe(
      `DescribeBackups failed: Forbidden\\x1b[8m (HTTP 403) - ${HOSTILE_SHOWN} [request id REQ-\\x9b2J-1]. grant the RAM action rds:DescribeBackups / kvstore:DescribeBackups to the caller`,
    );
    expect([err.code, err.requestId, err.detail]).toEqual(["Forbidden\x1b[8m", "REQ-\x9b2J-1", HOSTILE]);
  });

  it("toAlibabaError: the official client's ResponseError with hostile Code, Message and RequestId", () => {
    const err = toAlibabaError(
      { code: "x", data: { statusCode: 400, Code: "Bad\x07Code", Message: "line\nbreak", RequestId: "\u202e1-DI" } },
      "DescribeBackups",
    );
    expect(err.message).toBe("DescribeBackups failed: Bad\\x07Code (HTTP 400) - line\\x0abreak [request id \\u202e1-DI]");
  });

  it("HuaweiApiError: code, message and request id shown visible in the message", () => {
    const err = new HuaweiApiError({ code: "DCS.\x1b[5m4000", requestId: "rid\x9b31m", httpStatus: 400, kind: "client", action: "ListBackupRecords" }, HOSTILE);
    expect(err.message).toBe(`ListBackupRecords failed: DCS.\\x1b[5m4000 (HTTP 400) - ${HOSTILE_SHOWN} [request id rid\\x9b31m]`);
  });

  it("any BackupLookupError built from cloud text is one visible line", () => {
    expect(new InconsistentResponseError(`page 2 repeats record ${HOSTILE}`).message).toBe(`page 2 repeats record ${HOSTILE_SHOWN}`);
  });

  it("redaction first, then visible: a secret holding a control character, or next to escapes, is still removed", () => {
    const secret = "sk-\x1b[0mSECRET-77";
    registerSecret(secret);
    registerSecret("LTAI5tVISIBLEKEY");
    const err = new AlibabaApiError(
      { code: "InvalidAccessKeyId.NotFound", kind: "auth", action: "DescribeBackups" },
      `key \x1b[31mLTAI5tVISIBLEKEY\x1b[0m or ${secret} refused; Signature=abc\x07def&x=1`,
    );
    expect(err.message).toBe(
      "DescribeBackups failed: InvalidAccessKeyId.NotFound - key \\x1b[31m[REDACTED]\\x1b[0m or [REDACTED] refused; Signature=[REDACTED]&x=1. check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token",
    );
  });

  it("a Pulumi diagnostic (pulumiLogger): redacted, then made visible", () => {
    registerSecret("LTAI5tPULUMIKEY");
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      pulumiLogger.warn(`alicloud.rds.BackupSet: skipped a malformed record: LTAI5tPULUMIKEY ${HOSTILE}`);
      expect(warn.mock.calls).toEqual([[`warning: [runtime] alicloud.rds.BackupSet: skipped a malformed record: [REDACTED] ${HOSTILE_SHOWN}`]]);
    } finally {
      warn.mockRestore();
    }
  });
});
