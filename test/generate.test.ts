import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, generate } from "../scripts/generate";
import { asFlags, firstSentence, plainText } from "../provider/cli/lookupHelp";

// Everything made from the declarations is committed (as Pulumi SDKs commit theirs): each file must be what the
// generator makes now.
const generated = generate();
test.each([...generated.keys()])("%s is what scripts/generate.ts makes from the declarations", (rel) => {
  const hint = "out of date: run `npm run generate`";
  const file = path.join(ROOT, rel);
  expect({ file: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "(missing)", hint }).toEqual({ file: generated.get(rel), hint });
});

test("the generator covers every lookup: one types file, one provider entry point each", () => {
  const providers = fs.readdirSync(path.join(ROOT, "provider", "pulumi", "providers")).map((f) => `provider/pulumi/providers/${f}`);
  expect(providers.sort()).toEqual([...generated.keys()].filter((k) => k.startsWith("provider/pulumi/providers/")).sort());
});

test.each([
  ["`Automated` or `Manual`.", "Automated or Manual."],
  ["no code spans", "no code spans"],
])("plainText(%j)", (text, plain) => {
  expect(plainText(text)).toBe(plain);
});

test.each([
  ["RDS instance id (`rm-...`, `pgm-...`). Required.", "RDS instance id (`rm-...`, `pgm-...`)."],
  ["Engine version, e.g. `8.0`. More.", "Engine version, e.g. `8.0`."],
  ["A `a. b` span. Next.", "A `a. b` span."],
  ["One line\n   wrapped. Two.", "One line wrapped."],
  ["No full stop", "No full stop"],
])("firstSentence(%j)", (doc, sentence) => {
  expect(firstSentence(doc)).toBe(sentence);
});

// The help names arguments as flags; the doc comments, shared with the README and editors, name them as a program does.
const ARGS = ["region", "endpoint", "allowInsecureEndpoint", "since", "instanceId", "projectId", "backupId", "status"];
test.each([
  ["unless `allowInsecureEndpoint` is true.", "unless `--allow-insecure-endpoint` is true."],
  ["pass instanceId and backupId, or allowInsecureEndpoint.", "pass --instance-id and --backup-id, or --allow-insecure-endpoint."],
  // one-word names only as a whole code span: in prose they are words
  ["only with `since`; the public endpoint; a status", "only with `--since`; the public endpoint; a status"],
  // a stack config key, and names that are no argument of the lookup (an output, another lookup's), stay
  ["default `huaweicloud:projectId`, then HW_PROJECT_ID.", "default `huaweicloud:projectId`, then HW_PROJECT_ID."],
  ["sorted by `nodeInstanceId`; `backupIds`, `maxAge` or `until`.", "sorted by `nodeInstanceId`; `backupIds`, `maxAge` or `until`."],
  // part of a longer identifier or flag: not a mention
  ["`backupIdList`, --backup-id, x.backupId", "`backupIdList`, --backup-id, x.backupId"],
])("asFlags(%j)", (text, help) => {
  expect(asFlags(text, ARGS)).toBe(help);
});
