import * as fs from "fs";
import { GENERATED_FILE, asFlags, firstSentence, generateArgumentDocs } from "../scripts/argumentDocs";

// `backup-lookup <lookup> --help` prints descriptions generated from the XArgs doc comments (the ones the README
// reference shows); the shipped command cannot read TypeScript, so the generated module must be current.
test("provider/cli/argumentDocs.ts equals the one generated from the XArgs doc comments", () => {
  const hint = "out of date: run `npm run build && node dist/scripts/argumentDocs.js --write`";
  expect({ file: fs.readFileSync(GENERATED_FILE, "utf8"), hint }).toEqual({ file: generateArgumentDocs(), hint });
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
