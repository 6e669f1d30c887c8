import * as fs from "fs";
import { GENERATED_FILE, firstSentence, generateArgumentDocs } from "../scripts/argumentDocs";

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
