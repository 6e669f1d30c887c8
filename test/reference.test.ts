import * as fs from "node:fs";
import * as path from "node:path";
import { generateReference } from "../scripts/reference";

// The README's reference is generated from the XArgs/XResult doc comments; this keeps them from drifting.
test("README reference section equals the one generated from the code's doc comments", () => {
  const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
  const m = /<!-- REFERENCE:START[^>]*-->\n([\s\S]*?)<!-- REFERENCE:END -->/.exec(readme);
  expect(m).not.toBeNull();
  expect(m![1]).toBe(generateReference());
});

// The README's quickstart program is the real examples/quickstart/index.ts, which CI type-checks and runs.
test("README quickstart block equals examples/quickstart/index.ts", () => {
  const root = path.join(__dirname, "..");
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const m = /\(`examples\/quickstart\/index\.ts`[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(readme);
  expect(m).not.toBeNull();
  expect(m![1]).toBe(fs.readFileSync(path.join(root, "examples", "quickstart", "index.ts"), "utf8"));
});
