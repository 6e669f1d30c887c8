/**
 * Each cloud's client loads on first use: loading the provider implementation (what the provider host does on
 * the first Check) loads neither cloud's client, an RDS lookup never loads the Huawei side, and a DCS lookup never
 * loads the official Alibaba client. Checked in fresh node processes on the built package (`npm test` builds).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseJson } from "./support/json";

const ROOT = path.join(__dirname, "..");

/** Modules of interest loaded after `script` runs in a fresh process. */
function loadedAfter(script: string): string[] {
  const probe = `
    (async () => {
      ${script}
      const keys = Object.keys(require.cache);
      const mark = (name, test) => (keys.some(test) ? [name] : []);
      console.log(JSON.stringify([
        ...mark("alibaba-official-client", (k) => k.includes("@alicloud/openapi-client")),
        ...mark("alibaba-rpc-client", (k) => k.endsWith("clouds/alibaba/AlibabaRpcClient.js")),
        ...mark("huawei-client", (k) => k.endsWith("clouds/huawei/HuaweiClient.js")),
        ...mark("huawei-signer", (k) => k.endsWith("clouds/huawei/signer.js")),
      ]));
    })();`;
  // No instance-metadata lookups (the official default credential chain would ask 100.100.100.200).
  const env = { PATH: process.env.PATH ?? "", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };
  const r = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8", env });
  expect(r.stderr).toBe("");
  return parseJson<string[]>(r.stdout.trim().split("\n").pop()!);
}

// A lookup that fails at validation still loads everything a run would before its first request.
const run = (lookup: string, args: object) => `
  const { runLookup } = require("./dist/provider/core/engine.js");
  const { createContext } = require("./dist/provider/core/context.js");
  const { lookupNamed } = require("./dist/provider/lookups/index.js");
  const ctx = createContext({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tLAZYLOADKEY", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "lazy-loading-test-secret", HW_ACCESS_KEY: "LAZYHWAK", HW_SECRET_KEY: "lazy-hw-secret" }, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: "none", deadlineMs: 1 }, requestTimeoutMs: 200 });
  await runLookup(lookupNamed(${JSON.stringify(lookup)}), ${JSON.stringify(args)}, ctx).catch(() => undefined);`;

test("loading the provider implementation loads no cloud client", () => {
  expect(loadedAfter(`require("./dist/provider/pulumi/providerImpl.js");`)).toEqual(["alibaba-rpc-client"]);
});

test("an RDS lookup loads the official Alibaba client and nothing of Huawei", () => {
  // region and (fake) keys given, a closed port on loopback: the official client is created, the request fails fast
  expect(loadedAfter(run("alicloud.rds.BackupSet", { dbInstanceId: "rm-lazy00001", region: "cn-hangzhou", endpoint: "http://127.0.0.1:9" }))).toEqual([
    "alibaba-official-client",
    "alibaba-rpc-client",
  ]);
});

test("a DCS lookup loads the Huawei client and signer, not the official Alibaba client", () => {
  const args = { instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", endpoint: "http://127.0.0.1:9" };
  expect(loadedAfter(run("huaweicloud.dcs.BackupSet", args))).toEqual(["alibaba-rpc-client", "huawei-client", "huawei-signer"]);
});
