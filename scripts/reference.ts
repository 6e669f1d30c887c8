/**
 * Generates the README's per-lookup reference from the code's `XArgs` / `XResult` interfaces and their doc
 * comments, so the docs and the code cannot drift: `node dist/scripts/reference.js` prints it, and
 * test/reference.test.ts fails when README.md's section between the REFERENCE markers differs.
 * Uses the TypeScript compiler API (a dev dependency) to read types and comments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

interface Entry {
  lookup: string;
  file: string;
  args: string;
  result: string;
}

/** The repository root, from source (scripts/) or from dist/scripts/. */
const ROOT = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "provider", "index.ts")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

export const ENTRIES: Entry[] = [
  { lookup: "alicloud.rds.BackupSet", file: "provider/types/alicloud/rds/BackupSet.ts", args: "BackupSetArgs", result: "BackupSetResult" },
  { lookup: "alicloud.rds.BackupTask", file: "provider/types/alicloud/rds/BackupTask.ts", args: "BackupTaskArgs", result: "BackupTaskResult" },
  { lookup: "alicloud.rds.UserBackupFile", file: "provider/types/alicloud/rds/UserBackupFile.ts", args: "UserBackupFileArgs", result: "UserBackupFileResult" },
  { lookup: "alicloud.kvstore.BackupSet", file: "provider/types/alicloud/kvstore/BackupSet.ts", args: "KvstoreBackupSetArgs", result: "KvstoreBackupSetResult" },
  { lookup: "huaweicloud.dcs.BackupSet", file: "provider/types/huaweicloud/dcs/BackupSet.ts", args: "DcsBackupSetArgs", result: "DcsBackupSetResult" },
];

const COMMON_FILE = "provider/types/CommonResult.ts";

function rows(checker: ts.TypeChecker, decl: ts.InterfaceDeclaration, own: boolean, isArgs = false): string[] {
  const type = checker.getTypeAtLocation(decl);
  const props = own ? decl.members.filter(ts.isPropertySignature).map((m) => checker.getSymbolAtLocation(m.name)!) : type.getProperties();
  return props.map((p) => {
    const d = p.valueDeclaration as ts.PropertySignature | undefined;
    const optional = !!d?.questionToken;
    const t = d?.type ? d.type.getText().replace(/\s+/g, " ").replace(/\(typeof STATUSES\)\[number\]/, "string") : checker.typeToString(checker.getTypeOfSymbol(p));
    const doc = ts.displayPartsToString(p.getDocumentationComment(checker)).replace(/\s+/g, " ").trim();
    return `| \`${p.getName()}\` | \`${t.replace(/\|/g, "\\|")}\`${isArgs && !optional ? " (required)" : ""} | ${doc.replace(/\|/g, "\\|")} |`;
  });
}

export function generateReference(): string {
  const files = [...ENTRIES.map((e) => path.join(ROOT, e.file)), path.join(ROOT, COMMON_FILE)];
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const find = (file: string, name: string) => {
    const sf = program.getSourceFile(path.join(ROOT, file))!;
    const decl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
    if (!decl) throw new Error(`${name} not found in ${file}`);
    return decl;
  };
  const out: string[] = [];
  out.push("Every lookup also takes the common arguments `region`, `endpoint`, `allowInsecureEndpoint`, `since`, `until` and `maxAge` (BackupTask: no times, so no `since`/`until`/`maxAge`), and the resource form takes `refresh` (`\"pin\"` default, or `\"always\"`).");
  out.push("Every lookup has the outputs below, plus every argument echoed:");
  out.push("", "| output | type | meaning |", "| --- | --- | --- |", ...rows(checker, find(COMMON_FILE, "CommonResult"), true));
  for (const e of ENTRIES) {
    out.push("", `### \`${e.lookup}\``, "", "| argument | type | meaning |", "| --- | --- | --- |", ...rows(checker, find(e.file, e.args), true, true));
    out.push("", "| output | type | meaning |", "| --- | --- | --- |", ...rows(checker, find(e.file, e.result), true));
  }
  return out.join("\n") + "\n";
}

/** `--write`: replace the README's section in place. */
if (require.main === module) {
  if (process.argv.includes("--write")) {
    const file = path.join(ROOT, "README.md");
    const readme = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, readme.replace(/(<!-- REFERENCE:START[^>]*-->\n)[\s\S]*?(<!-- REFERENCE:END -->)/, (_m, a, b) => a + generateReference() + b));
  } else process.stdout.write(generateReference());
}
