/**
 * Messages worded for their reader (provider/core/context.ts `audience`): a cloud error carries both wordings of
 * a credentials text and is worded where it passes a context (retriedCall.ts); the core's refusal of a
 * credential argument picks its wording by audience. No text is rewritten after it is made.
 */
import { AlibabaApiError } from "../../provider/clouds/alibaba/AlibabaApiError";
import { ALIBABA_HELP } from "../../provider/clouds/alibaba/credentials";
import { HuaweiApiError } from "../../provider/clouds/huawei/HuaweiApiError";
import { HUAWEI_HELP } from "../../provider/clouds/huawei/credentials";
import { credentialHint } from "../../provider/core/args";
import { ManualClock } from "../../provider/core/clock";
import { createContext } from "../../provider/core/context";
import { retriedCall } from "../../provider/core/retriedCall";
import { failure } from "../support/rejection";

const missing = () => new AlibabaApiError({ code: "MissingCredentials", kind: "auth", action: "DescribeBackups" }, ALIBABA_HELP.noCredentials);

it("a cloud error reads as a Pulumi program's by default, as the command's once worded for it", () => {
  const err = missing();
  expect(err.message).toBe(`DescribeBackups failed: MissingCredentials - ${ALIBABA_HELP.noCredentials.pulumi}. ${ALIBABA_HELP.checkKeys.pulumi}`);
  err.setAudience("cli");
  expect(err.message).toBe(
    "DescribeBackups failed: MissingCredentials - no Alibaba Cloud credentials were found (environment, profile file, ECS RAM role). check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) and ALIBABA_CLOUD_SECURITY_TOKEN in the environment",
  );
  const hw = new HuaweiApiError({ code: "APIGW.0301", httpStatus: 401, kind: "auth", action: "ListBackupRecords" }, "Incorrect IAM authentication information");
  hw.setAudience("cli");
  expect(hw.hint).toBe(HUAWEI_HELP.checkKeys.cli);
});

it("retriedCall words a failure for its context's audience; the default context is Pulumi's", async () => {
  const call = (audience?: "cli") =>
    failure(
      retriedCall(
        createContext({ clock: new ManualClock("2026-11-20T12:00:00Z"), ...(audience ? { audience } : {}) }),
        { action: "DescribeBackups", host: "rds.aliyuncs.com", cacheKey: "k", fresh: true },
        { prepare: () => Promise.reject(missing()), send: async () => "never" },
      ),
    );
  expect((await call()).message).toContain(ALIBABA_HELP.checkKeys.pulumi);
  expect((await call("cli")).message).toContain(ALIBABA_HELP.checkKeys.cli);
});

it("a credential argument is refused in the reader's words", () => {
  expect([credentialHint("alibaba"), credentialHint("huawei", "cli")]).toEqual([
    ALIBABA_HELP.credentialsNotArguments.pulumi,
    HUAWEI_HELP.credentialsNotArguments.cli,
  ]);
});
