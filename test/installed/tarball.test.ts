/**
 * What `npm pack` of a clean checkout ships (the `prepare` script builds dist/ first): the runtime JavaScript and
 * declarations of every provider/ source, the command, README, CHANGELOG, LICENSE and package.json. No tests, emulator, scripts, TypeScript sources or source maps.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, packedTarball } from "../support/providerProject";
import { createHash } from "crypto";
import { parseJson } from "../support/json";

jest.setTimeout(300_000);

function sources(rel: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(`${rel}/${e.name}`) : e.name.endsWith(".ts") ? [`${rel}/${e.name}`] : []));
}

test("the tarball holds exactly the built provider (js + d.ts per source file), bin, README, CHANGELOG, LICENSE, package.json", async () => {
  const tarball = await packedTarball();
  const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l && !l.endsWith("/"))
    .map((l) => l.replace(/^package\//, ""))
    .sort();
  const built = sources("provider").flatMap((f) => [`dist/${f.replace(/\.ts$/, ".js")}`, `dist/${f.replace(/\.ts$/, ".d.ts")}`]);
  const bin = fs.readdirSync(path.join(REPO_ROOT, "bin")).map((f) => `bin/${f}`);
  const expected = [...built, ...bin, "README.md", "CHANGELOG.md", "LICENSE", "package.json"].sort();
  expect(listed).toEqual(expected);
  // every file the package's entry points name is shipped
  const pkg = parseJson<{
    main: string;
    types: string;
    bin: Record<string, string>;
    typesVersions: Record<string, Record<string, string[]>>;
    exports: Record<string, string | Record<string, string>>;
  }>(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const named = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.typesVersions["*"]).flat()];
  for (const entry of Object.values(pkg.exports)) {
    for (const target of typeof entry === "string" ? [entry] : Object.values(entry)) if (!target.includes("*")) named.push(target.replace(/^\.\//, ""));
  }
  expect(named.filter((f) => !listed.includes(f))).toEqual([]);
  // the LICENSE is the Apache License 2.0 the package declares, in full
  const license = fs.readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8");
  expect(parseJson<{ license: string }>(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).license).toBe("Apache-2.0");
  expect(license).toContain("Apache License\n                           Version 2.0, January 2004");
  expect(license).toContain("END OF TERMS AND CONDITIONS");
  expect(createHash("sha256").update(license).digest("hex")).toBe(APACHE_2_SHA256);
});

/** sha256 of https://www.apache.org/licenses/LICENSE-2.0.txt (11358 bytes). */
const APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
