import * as fs from "node:fs";
import * as path from "node:path";
// The README's quickstart program is the real examples/quickstart/index.ts, which CI type-checks and runs.
test("README quickstart block equals examples/quickstart/index.ts", () => {
  const root = path.join(__dirname, "..");
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const m = /\(`examples\/quickstart\/index\.ts`[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(readme);
  expect(m).not.toBeNull();
  expect(m![1]).toBe(fs.readFileSync(path.join(root, "examples", "quickstart", "index.ts"), "utf8"));
});
