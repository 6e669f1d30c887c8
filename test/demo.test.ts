/**
 * The README's first command, `npm run demo`: the built demo (scripts/demo.ts, after `npm run build`) runs every
 * lookup against its own emulator and exits 0 with no unexpected result. Nothing of the developer's environment
 * but PATH reaches it.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO } from "./support/cli";

test("npm run demo: every lookup against the embedded emulator, exit 0, nothing unexpected", () => {
  const r = spawnSync(process.execPath, [path.join(REPO, "dist", "scripts", "demo.js")], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    encoding: "utf8",
    timeout: 240_000,
  });
  const sections = [
    "1. alicloud.rds.BackupSet",
    "2. alicloud.rds.UserBackupFile",
    "3. alicloud.kvstore.BackupSet",
    "4. huaweicloud.dcs.BackupSet",
    "4b. huaweicloud.rds.BackupSet",
    "5. alicloud.rds.BackupTask",
  ];
  // eslint-disable-next-line no-control-regex -- the demo colours its headings on a terminal only; strip any
  const out = r.stdout.replace(/\x1b\[[0-9;]*m/g, "");
  expect({ status: r.status, unexpected: out.split("\n").filter((l) => l.includes("!! unexpected")) }).toEqual({ status: 0, unexpected: [] });
  for (const s of sections) expect(out).toContain(s);
  expect(out).toMatch(/\nDone in \d+\.\d s: \d+ API requests, all to the local emulator at http:\/\/127\.0\.0\.1:\d+\.\n/);
}, 300_000);
