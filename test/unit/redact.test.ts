/**
 * provider/core/redact.ts: registered credentials and anything shaped like a signature, token or key
 * parameter never survive into a message (README "Credentials and configuration": a secret never reaches state,
 * a log or an error message); the rest of the text does.
 */
import { AlibabaApiError } from "../../provider/clouds/alibaba/AlibabaApiError";
import { toAlibabaError } from "../../provider/clouds/alibaba/AlibabaRpcClient";
import { BackupLookupError } from "../../provider/core/errors";
import { redact, registerSecret } from "../../provider/core/redact";

const SECRET = "EMU-UNIT-SECRET-0123456789";
const AK = "LTAI5tUNITxxxxKEY";
beforeAll(() => {
  registerSecret(SECRET);
  registerSecret(AK);
  registerSecret("abc"); // too short to register: would shred ordinary words
  registerSecret(undefined);
  registerSecret("");
});

describe("redact", () => {
  it.each<[string, string, string]>([
    ["a registered secret anywhere", `secret=${SECRET}; again ${SECRET}!`, "secret=[REDACTED]; again [REDACTED]!"],
    ["a registered access key id", `the key ${AK} was refused`, "the key [REDACTED] was refused"],
    ["values shorter than 6 characters are not registered", "abc abcdef", "abc abcdef"],
    [
      "Signature=, AccessKeyId= and SecurityToken= query parameters, keeping the others",
      "POST https://rds.aliyuncs.com/?Action=DescribeBackups&AccessKeyId=LTAIzzz&Signature=abc%2Bdef%3D&SecurityToken=CAISxyz&Timestamp=2026-11-20T12%3A00%3A00Z",
      "POST https://rds.aliyuncs.com/?Action=DescribeBackups&AccessKeyId=[REDACTED]&Signature=[REDACTED]&SecurityToken=[REDACTED]&Timestamp=2026-11-20T12%3A00%3A00Z",
    ],
    [
      "parameter names in any case, at the start of the text or after a space or a quote",
      `signature=abc securitytoken=def "accesskeyid=ghi"`,
      `signature=[REDACTED] securitytoken=[REDACTED] "accesskeyid=[REDACTED]"`,
    ],
    [
      "OSS signed-URL parameters",
      "https://b.oss-cn-hangzhou.aliyuncs.com/f.tar.gz?Expires=1795486658&OSSAccessKeyId=LTAIoss&Signature=xyz%3D",
      "https://b.oss-cn-hangzhou.aliyuncs.com/f.tar.gz?Expires=1795486658&OSSAccessKeyId=[REDACTED]&Signature=[REDACTED]",
    ],
    [
      "an ACS3 Authorization header",
      "Authorization: ACS3-HMAC-SHA256 Credential=LTAIzzz,SignedHeaders=host;x-acs-action,Signature=0123abcd",
      "Authorization: [REDACTED],SignedHeaders=host;x-acs-action,Signature=[REDACTED]",
    ],
    [
      "a Huawei Authorization header in JSON",
      `{"authorization":"SDK-HMAC-SHA256 Access=EMUHWAK, SignedHeaders=host, Signature=ff00"}`,
      `{"authorization":"[REDACTED], SignedHeaders=host, Signature=[REDACTED]"}`,
    ],
    ["an algorithm prefix on its own", "signed with SDK-HMAC-SHA256 Access=AKAK, SignedHeaders=x", "signed with SDK-HMAC-SHA256 [REDACTED]"],
    ["security token headers", "x-acs-security-token: CAIStoken123\nx-security-token=tok", "x-acs-security-token: [REDACTED]\nx-security-token=[REDACTED]"],
    ["text without secrets is unchanged", "DescribeBackups failed: Throttling.User (HTTP 400)", "DescribeBackups failed: Throttling.User (HTTP 400)"],
  ])("removes %s", (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it("is idempotent", () => {
    const once = redact(`Signature=abc&AccessKeyId=${AK}&x=${SECRET}`);
    expect(redact(once)).toBe(once);
    expect(once).toBe("Signature=[REDACTED]&AccessKeyId=[REDACTED]&x=[REDACTED]");
  });
});

describe("messages leaving the package are redacted", () => {
  it("a BackupLookupError's message", () => {
    expect(new BackupLookupError(`cannot use ${SECRET} at ?Signature=zzz`).message).toBe("cannot use [REDACTED] at ?Signature=[REDACTED]");
  });

  it("a cloud error's detail and message", () => {
    const err = new AlibabaApiError(
      { code: "SignatureDoesNotMatch", requestId: "R-1", httpStatus: 400, kind: "auth", action: "DescribeBackups" },
      `server string to sign is: POST&%2F&AccessKeyId%3D${AK}`,
    );
    expect(err.detail).toBe("server string to sign is: POST&%2F&AccessKeyId%3D[REDACTED]");
    expect(err.message).not.toContain(AK);
  });

  it("a network error of the official client that quotes the signed URL", () => {
    const err = toAlibabaError(
      {
        name: "RequestError",
        message: `getaddrinfo ENOTFOUND rds.example.com https://rds.example.com/?AccessKeyId=${AK}&Signature=abc&SecurityToken=tok`,
        code: "ENOTFOUND",
      },
      "DescribeBackups",
      "https://rds.example.com",
    ) as AlibabaApiError;
    expect(err.message).toBe(
      "DescribeBackups failed: ENOTFOUND - the host of https://rds.example.com could not be resolved. check the endpoint's host name and this machine's DNS",
    );
  });

  it("an unclassified client error keeps only a redacted excerpt", () => {
    const err = toAlibabaError({ message: `weird failure with ${SECRET} and Signature=qqq` }, "DescribeBackups") as AlibabaApiError;
    expect(err.code).toBe("UnknownError");
    expect(err.message).toBe("DescribeBackups failed: UnknownError - weird failure with [REDACTED] and Signature=[REDACTED]");
  });
});
