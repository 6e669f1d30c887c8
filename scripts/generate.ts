/**
 * Makes everything that follows from the lookups' declarations (provider/lookups/<cloud>/<service>/<Class>.ts),
 * the way Pulumi's SDK generators make `@pulumi/aws` from its schema (committed generated source, a doc comment
 * on every field, https://github.com/pulumi/pulumi/tree/master/pkg/codegen/nodejs):
 *
 * - provider/lookups/index.ts: the registry (`LOOKUPS`, `LookupName`);
 * - provider/types/<cloud>/<service>/<Class>.ts: `GetXArgs`, `GetXOutputArgs`, `GetXResult`, `XArgs` and the list
 *   form's `GetXsArgs`, `GetXsResult`, with the 0.1 names as deprecated aliases;
 * - provider/pulumi/<cloud>/<service>.ts: the resource classes and `getX`/`getXOutput` (and the list form);
 * - provider/pulumi/providers/<lookup>.ts: the serialized provider entry points (their paths are in users' state);
 * - provider/index.ts: the namespaces;
 * - provider/types/BackupLookupAnswers.ts: the answer types of `pulumi-backup-lookups/testing`;
 * - docs/reference.md: every argument and output.
 *
 *   npm run generate        (build, then write the files)
 *
 * test/generate.test.ts fails when a committed file differs from what this makes. The CLI's help reads the same
 * declarations at run time (provider/cli/lookupHelp.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { commonArgSpecs, commonArgsFor, resourceArgSpecs, timeArgSpecs } from "../provider/core/args";
import { listArgSpecs } from "../provider/core/list";
import { ZodLike, fieldFacts } from "../provider/core/schemaFacts";
import { AnyLookup, ArgSpecs, COMMON_OUTPUTS, Out, OutputSpecs, classOf, integerIdOutputs, namespaceOf } from "../provider/core/declaration";

/** The repository root, from source (scripts/) or from dist/scripts/. */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "provider", "core", "declaration.ts")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** A declaration and where it lives. */
export interface Declared {
  def: AnyLookup;
  /** `alicloud/rds/BackupSet` */
  file: string;
  /** The declaration's export name. */
  exportName: string;
}

/** Every declaration under provider/lookups/<cloud>/<service>/<Class>.ts, in path order. */
export function findDeclarations(): Declared[] {
  const base = path.join(ROOT, "provider", "lookups");
  const out: Declared[] = [];
  for (const cloud of fs.readdirSync(base).sort()) {
    const cloudDir = path.join(base, cloud);
    if (!fs.statSync(cloudDir).isDirectory()) continue;
    for (const service of fs.readdirSync(cloudDir).sort()) {
      const serviceDir = path.join(cloudDir, service);
      if (!fs.statSync(serviceDir).isDirectory()) continue;
      for (const f of fs.readdirSync(serviceDir).sort()) {
        if (!/^[A-Z]\w*\.ts$/.test(f)) continue;
        const file = `${cloud}/${service}/${f.replace(/\.ts$/, "")}`;
        // From dist/scripts this is dist/provider/lookups/...js; from scripts/ under ts-jest, the .ts source.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the declarations are found on disk, so loaded by path
        const mod = require(path.join(__dirname, "..", "provider", "lookups", file)) as Record<string, unknown>;
        const found = Object.entries(mod).filter(([, v]) => isDeclaration(v));
        if (found.length !== 1) throw new Error(`provider/lookups/${file}.ts must export exactly one lookup declaration, found ${found.length}`);
        const [exportName, def] = found[0] as [string, AnyLookup];
        const expected = `${cloud}.${service}.${f.replace(/\.ts$/, "")}`;
        if (def.name !== expected) throw new Error(`provider/lookups/${file}.ts declares ${def.name}; its path says ${expected}`);
        out.push({ def, file, exportName });
      }
    }
  }
  return out;
}

function isDeclaration(v: unknown): v is AnyLookup {
  return !!v && typeof v === "object" && "kind" in v && "name" in v && "args" in v && "outputs" in v;
}

// -----------------------------------------------------------------------------------------------------------
// Types from zod schemas and output specs.

/** A schema's argument facts: its TypeScript type (as written by a program, or as parsed), whether it is optional, its default. */
export function describeSchema(schema: z.ZodType, side: "input" | "output" = "input"): { type: string; optional: boolean; defaultValue?: unknown } {
  const f = fieldFacts(schema);
  // A defaulted argument may be left out by a program, and is always there once parsed.
  return { type: tsType(f.inner, side), optional: f.optional || (f.defaulted && side === "input"), defaultValue: f.defaultValue };
}

function tsType(s: ZodLike, side: "input" | "output"): string {
  const d = s._zod.def;
  switch (d.type) {
    case "string":
      return "string";
    case "number":
    case "int":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
      return Object.values(d.entries ?? {})
        .map((v) => JSON.stringify(v))
        .join(" | ");
    case "literal":
      return (d.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    case "union":
      return (d.options ?? []).map((o) => tsType(o, side)).join(" | ");
    case "pipe":
      return tsType(side === "input" ? d.in! : d.out!, side);
    case "optional":
    case "default":
      return tsType(d.innerType!, side);
    case "record":
      return `Record<${tsType(d.keyType!, side)}, ${tsType(d.valueType!, side)}>`;
    case "array":
      return `${tsType(d.element!, side)}[]`;
    case "object":
      return `{ ${Object.entries(d.shape ?? {})
        .map(([k, v]) => {
          const f = describeSchema(v as unknown as z.ZodType, side);
          return `${k}${f.optional ? "?" : ""}: ${f.type}`;
        })
        .join("; ")} }`;
    default:
      throw new Error(`scripts/generate.ts: no TypeScript type for a zod ${d.type}`);
  }
}

/** An output's TypeScript type: documented values stay open to new ones (`"Success" | (string & {})`). */
export function outputType(o: Out<unknown>): string {
  const base =
    o.values && o.values.length
      ? `${o.values.map((v) => JSON.stringify(v)).join(" | ")} | (string & Record<never, never>)`
      : o.kind === "string[]"
        ? "string[]"
        : o.kind;
  return o.nullable ? `${o.values ? `(${base})` : base} | null` : base;
}

// -----------------------------------------------------------------------------------------------------------
// Doc comments.

function docComment(text: string, indent = "  "): string {
  const lines = wrap(text, 112 - indent.length);
  if (lines.length === 1 && lines[0].length <= 100) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join("\n");
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** The doc of an argument, with its default and whether it is required. */
function argDoc(doc: string, f: { optional: boolean; defaultValue?: unknown }): string {
  if (f.defaultValue !== undefined) return `${doc} Default \`${JSON.stringify(f.defaultValue)}\`.`;
  return f.optional ? doc : `${doc} Required.`;
}

// -----------------------------------------------------------------------------------------------------------
// The generated files.

const HEADER = (from: string) => `// Generated by scripts/generate.ts from ${from}. Do not edit: change the declaration and run \`npm run generate\`.\n`;

interface Field {
  name: string;
  type: string;
  optional: boolean;
  doc: string;
}

/** The fields of argument specs, as a program writes them. */
function specFields(specs: ArgSpecs): Field[] {
  return Object.entries(specs).map(([name, spec]) => {
    const f = describeSchema(spec.schema, "input");
    return { name, type: spec.type ?? f.type, optional: f.optional, doc: argDoc(spec.doc, f) };
  });
}

/** The fields of echoed argument specs, as the lookup outputs them (`taken`: names an output already has). */
function echoFields(specs: ArgSpecs, taken: Set<string> = new Set()): Field[] {
  return Object.entries(specs)
    .filter(([name]) => !taken.has(name))
    .map(([name, spec]) => {
      const f = describeSchema(spec.schema, "output");
      return {
        name,
        type: spec.type ?? f.type,
        optional: f.optional,
        doc: `${spec.doc} (The argument, echoed${f.defaultValue !== undefined ? " with its default" : ""}.)`,
      };
    });
}

/** The common argument groups a lookup's types extend (`TimeArgs` only for a lookup whose records have times). */
function commonGroups(def: AnyLookup): string[] {
  return def.timed ? ["CommonArgs", "TimeArgs"] : ["CommonArgs"];
}

/** The fields of output specs. */
function outputFields(specs: OutputSpecs): Field[] {
  return Object.entries(specs).map(([name, o]) => ({ name, type: outputType(o), optional: false, doc: o.doc }));
}

/** The lookup's own fields of what `getX` resolves to: its outputs, then its own arguments echoed. */
function resultFields(def: AnyLookup): Field[] {
  const fields = outputFields(def.outputs);
  return [...fields, ...echoFields(def.args, new Set([...fields.map((f) => f.name), ...Object.keys(COMMON_OUTPUTS)]))];
}

function fieldLines(fields: Field[], render: (f: Field) => string): string {
  return fields.map((f) => `${docComment(f.doc)}\n  ${render(f)}`).join("\n");
}

export function typesFile(d: Declared): string {
  const { def } = d;
  const C = classOf(def.name);
  const own = specFields(def.args);
  const result = resultFields(def);
  const groups = commonGroups(def);
  const up = "../".repeat(d.file.split("/").length - 1);
  const lines = [
    HEADER(`provider/lookups/${d.file}.ts`),
    `/** The public types of \`${def.name}\`. Types only. */`,
    `import type * as pulumi from "@pulumi/pulumi";`,
    `import type { ${[...groups, ...groups.map((g) => g.replace("Args", "OutputArgs")), ...groups.map((g) => g.replace("Args", "Echoes")), "CommonResult", ...(def.kind !== "job" ? ["ListArgs", "ListOutputArgs"] : []), "ResourceArgs"].sort().join(", ")} } from "${up}common";`,
    "",
    `/** Arguments of \`get${C}\` (\`${def.name}\`). */`,
    `export interface Get${C}Args extends ${groups.join(", ")} {`,
    fieldLines(own, (f) => `${f.name}${f.optional ? "?" : ""}: ${f.type};`),
    "}",
    "",
    `/** Arguments of \`get${C}Output\`: those of \`get${C}\`, each of which may be an Output. */`,
    `export interface Get${C}OutputArgs extends ${groups.map((g) => g.replace("Args", "OutputArgs")).join(", ")} {`,
    fieldLines(own, (f) => `${f.name}${f.optional ? "?" : ""}: pulumi.Input<${f.type}>;`),
    "}",
    "",
    `/** What \`get${C}\` resolves to and \`get${C}Output\` holds: the chosen backup's outputs, the common outputs and every argument echoed. */`,
    `export interface Get${C}Result extends CommonResult, ${groups.map((g) => g.replace("Args", "Echoes")).join(", ")} {`,
    fieldLines(result, (f) => `readonly ${f.name}${f.optional ? "?" : ""}: ${f.type};`),
    "}",
    "",
    `/** Arguments of the \`${C}\` resource: those of \`get${C}\` (each may be an Output) and \`refresh\`. */`,
    `export interface ${C}Args extends ${groups.map((g) => g.replace("Args", "OutputArgs")).join(", ")}, ResourceArgs {`,
    fieldLines(own, (f) => `${f.name}${f.optional ? "?" : ""}: pulumi.Input<${f.type}>;`),
    "}",
    "",
    `/** @deprecated Since 0.2.0: use \`Get${C}Result\` (what \`get${C}\` resolves to). Removed in 0.3.0. */`,
    `export type ${C}Result = Get${C}Result;`,
  ];
  if (def.kind !== "job") {
    lines.push(
      "",
      `/** Arguments of \`get${C}s\`: those of \`get${C}\`, and \`limit\`. */`,
      `export interface Get${C}sArgs extends Get${C}Args, ListArgs {}`,
      "",
      `/** Arguments of \`get${C}sOutput\`: those of \`get${C}s\`, each of which may be an Output. */`,
      `export interface Get${C}sOutputArgs extends Get${C}OutputArgs, ListOutputArgs {}`,
      "",
      `/** What \`get${C}s\` resolves to: every match, newest first, as \`get${C}\` would give each. */`,
      `export interface Get${C}sResult {`,
      `  /** The matches, newest first: the same items as the command line's \`--list\`. */`,
      `  readonly items: Get${C}Result[];`,
      `  /** Whether more matches exist than \`limit\` let through. */`,
      `  readonly truncated: boolean;`,
      "}",
    );
  }
  return lines.join("\n") + "\n";
}

/** provider/types/common.ts: the argument and output groups every lookup shares, written once. */
function commonFile(): string {
  const group = (name: string, doc: string, fields: Field[], render: (f: Field) => string) => [
    `/** ${doc} */`,
    `export interface ${name} {`,
    fieldLines(fields, render),
    "}",
    "",
  ];
  const plain = (f: Field) => `${f.name}${f.optional ? "?" : ""}: ${f.type};`;
  const input = (f: Field) => `${f.name}${f.optional ? "?" : ""}: pulumi.Input<${f.type}>;`;
  const readonly = (f: Field) => `readonly ${f.name}${f.optional ? "?" : ""}: ${f.type};`;
  const common = specFields(commonArgSpecs);
  const time = specFields(timeArgSpecs);
  const commonOutputs = outputFields(COMMON_OUTPUTS);
  return [
    HEADER("provider/core/args.ts and provider/core/declaration.ts"),
    "/** The argument and output groups every lookup's public types extend. Types only. */",
    'import type * as pulumi from "@pulumi/pulumi";',
    "",
    ...group("CommonArgs", "The arguments every lookup takes: where the API is and whose credentials to use.", common, plain),
    ...group("TimeArgs", "The time arguments of every lookup whose backups have times.", time, plain),
    ...group("CommonOutputArgs", "`CommonArgs`, each of which may be an Output.", common, input),
    ...group("TimeOutputArgs", "`TimeArgs`, each of which may be an Output.", time, input),
    ...group("ResourceArgs", "The argument only the resource form takes.", specFields(resourceArgSpecs), input),
    ...group("CommonResult", "The outputs every lookup has.", commonOutputs, readonly),
    ...group("CommonEchoes", "`CommonArgs` as every result echoes them.", echoFields(commonArgSpecs), readonly),
    ...group("TimeEchoes", "`TimeArgs` as every result echoes them.", echoFields(timeArgSpecs), readonly),
    ...group("ListArgs", "The argument the list forms (`getXs`, `getXsOutput`) add to a lookup's own.", specFields(listArgSpecs), plain),
    ...group("ListOutputArgs", "`ListArgs`, each of which may be an Output.", specFields(listArgSpecs), input),
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}

function namespaceFile(ns: string, members: Declared[]): string {
  const [cloud, service] = ns.split(".");
  const imports: string[] = [];
  const body: string[] = [];
  for (const d of members) {
    const { def } = d;
    const C = classOf(def.name);
    const decl = `${C}Declaration`;
    imports.push(`import { ${d.exportName} as ${decl} } from "../../lookups/${d.file}";`);
    const t = `../../types/${d.file}`;
    const typeNames = [`Get${C}Args`, `Get${C}OutputArgs`, `Get${C}Result`, `${C}Args`, `${C}Result`];
    if (def.kind !== "job") typeNames.push(`Get${C}sArgs`, `Get${C}sOutputArgs`, `Get${C}sResult`);
    imports.push(`import type { ${typeNames.join(", ")} } from "${t}";`);
    body.push(`export type { ${typeNames.join(", ")} };`, "");
    // The common outputs and echoes are declared once, on the base classes (provider/pulumi/LookupResource.ts).
    const resourceOutputs = resultFields(def);
    body.push(
      `/**`,
      ` * ${def.summary}`,
      ` *`,
      ` * As a Pulumi resource: resolved while inputs are checked, so its outputs are known in \`pulumi preview\`; pinned by`,
      ` * default (\`refresh: "pin"\`): later deployments keep the backup found first and report the newest in \`latestBackupId\`.`,
      ` */`,
      `export class ${C} extends ${def.timed ? "TimedLookupResource" : "LookupResource"} {`,
      fieldLines(resourceOutputs, (f) => `declare readonly ${f.name}: pulumi.Output<${f.type}${f.optional ? " | undefined" : ""}>;`),
      "",
      `  constructor(name: string, args: ${C}Args, opts?: pulumi.CustomResourceOptions) {`,
      `    super(${decl}, name, args, opts);`,
      "  }",
      "}",
      "",
      `/** ${def.summary} Without a resource in state (Promise form). */`,
      `export function get${C}(args: Get${C}Args, opts?: pulumi.InvokeOptions): Promise<Get${C}Result> {`,
      `  return invokeLookup<Get${C}Result>(${decl}, args, opts);`,
      "}",
      "",
      `/** ${def.summary} Without a resource in state (Output form; secret as a whole when it carries a download URL). */`,
      `export function get${C}Output(args: Get${C}OutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<Get${C}Result> {`,
      `  return invokeLookupOutput<Get${C}Result>(${decl}, args, opts);`,
      "}",
      "",
    );
    if (def.kind !== "job") {
      body.push(
        `/** Every match of \`${def.name}\`, newest first, at most \`limit\` (default 100) (Promise form). */`,
        `export function get${C}s(args: Get${C}sArgs, opts?: pulumi.InvokeOptions): Promise<Get${C}sResult> {`,
        `  return invokeList<Get${C}sResult>(${decl}, args, opts);`,
        "}",
        "",
        `/** Every match of \`${def.name}\`, newest first, at most \`limit\` (default 100) (Output form). */`,
        `export function get${C}sOutput(args: Get${C}sOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<Get${C}sResult> {`,
        `  return invokeListOutput<Get${C}sResult>(${decl}, args, opts);`,
        "}",
        "",
      );
    }
  }
  const usesList = members.some((d) => d.def.kind !== "job");
  return [
    HEADER(members.map((d) => `provider/lookups/${d.file}.ts`).join(", ")),
    `/** The \`${cloud}.${service}\` namespace: a resource class and get functions per lookup. */`,
    `import type * as pulumi from "@pulumi/pulumi";`,
    `import { ${[...new Set(members.map((d) => (d.def.timed ? "TimedLookupResource" : "LookupResource")))].sort().join(", ")} } from "../LookupResource";`,
    `import { ${usesList ? "invokeList, invokeListOutput, " : ""}invokeLookup, invokeLookupOutput } from "../functions";`,
    ...imports,
    "",
    ...body,
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}

function providerFile(d: Declared): string {
  return [
    HEADER(`provider/lookups/${d.file}.ts`),
    "/**",
    ` * The dynamic provider of \`${d.def.name}\`, as this module's exports: installed from npm, Pulumi's serializer stores`,
    " * it in state as one `require()` of this file (runtime/closure/createClosure.js findNormalizedModuleNameAsync), not as",
    " * the text of its methods. Users' state names this path: never move it.",
    " */",
    'import { makeProvider } from "../makeProvider";',
    "",
    `export = makeProvider(${JSON.stringify(d.def.name)});`,
    "",
  ].join("\n");
}

function registryFile(all: Declared[]): string {
  const alias = (d: Declared) => d.def.name.replace(/\./g, "_");
  return [
    HEADER("the declarations under provider/lookups/"),
    "/**",
    " * Every lookup, by class path: the one table the CLI, the get functions, the dynamic provider and the mocks read.",
    " * Declarations are data and cheap to load; each cloud's client is loaded only when a lookup first calls it.",
    " */",
    'import type { AnyLookup } from "../core/declaration";',
    ...all.map((d) => `import { ${d.exportName} as ${alias(d)} } from "./${d.file}";`),
    "",
    "/** A lookup's class path (`alicloud.rds.BackupSet`): a misspelt one does not compile. */",
    `export type LookupName =\n${all.map((d) => `  | typeof ${alias(d)}.name`).join("\n")};`,
    "",
    "export const LOOKUPS: Readonly<Record<LookupName, AnyLookup>> = {",
    ...all.map((d) => `  [${alias(d)}.name]: ${alias(d)},`),
    "};",
    "",
    "export type { AnyLookup };",
    "",
    "/** The lookup named `name` (a command-line word, a name stored in state), or undefined. */",
    "export function lookupNamed(name: string): AnyLookup | undefined {",
    "  return Object.prototype.hasOwnProperty.call(LOOKUPS, name) ? (LOOKUPS as Record<string, AnyLookup>)[name] : undefined;",
    "}",
    "",
  ].join("\n");
}

function indexFile(all: Declared[]): string {
  const byCloud = new Map<string, string[]>();
  for (const ns of namespaces(all).keys()) {
    const [cloud, service] = ns.split(".");
    byCloud.set(cloud, [...(byCloud.get(cloud) ?? []), service]);
  }
  const lines = [
    HEADER("the declarations under provider/lookups/"),
    "/**",
    " * pulumi-backup-lookups: find the newest usable backup of an Alibaba Cloud or Huawei Cloud database at deploy time.",
    " * Namespaces mirror the official providers; each holds resource classes and `getX` / `getXOutput` functions.",
    " */",
    'import { assertOneRuntime } from "./pulumi/assertOneRuntime";',
    "",
    "assertOneRuntime();",
    "",
  ];
  for (const [cloud, services] of byCloud) for (const s of services) lines.push(`import * as ${cloud}_${s} from "./pulumi/${cloud}/${s}";`);
  for (const [cloud, services] of byCloud) {
    lines.push(
      "",
      "// eslint-disable-next-line @typescript-eslint/no-namespace -- the namespaces mirror the official providers' (alicloud.rds, huaweicloud.dcs)",
      `export namespace ${cloud} {`,
    );
    for (const s of services) lines.push(`  export import ${s} = ${cloud}_${s};`);
    lines.push("}");
  }
  lines.push(
    'export { BackupLookupError, CloudApiError, InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "./core/errors";',
    'export type { CommonArgs, CommonResult, ListArgs, TimeArgs } from "./types/common";',
    "",
  );
  return lines.join("\n").replace("}\nexport {", "}\n\nexport {");
}

function answersFile(all: Declared[]): string {
  const lines = [
    HEADER("the declarations under provider/lookups/"),
    "/** The answers `backupLookupMocks` takes, by lookup class path (provider/testing.ts). Types only. */",
    'import type { Answer } from "./Answer";',
  ];
  for (const d of all) lines.push(`import type * as ${d.def.name.replace(/\./g, "_")} from "./${d.file}";`);
  lines.push("", "export interface BackupLookupAnswers {");
  for (const d of all) {
    const C = classOf(d.def.name);
    const m = d.def.name.replace(/\./g, "_");
    const ids = integerIdOutputs(d.def);
    // The integer ids, then (for a lookup without times) `false`: `backupAged` does not answer it.
    const params = [`${m}.Get${C}Args`, `${m}.Get${C}Result`];
    if (ids.length || !d.def.timed) params.push(ids.length ? ids.map((i) => JSON.stringify(i)).join(" | ") : "never");
    if (!d.def.timed) params.push("false");
    lines.push(`  /** \`${d.def.name}\`: ${d.def.summary} */`, `  ${JSON.stringify(d.def.name)}?: Answer<${params.join(", ")}>;`);
  }
  lines.push("}", "");
  return lines.join("\n");
}

function namespaces(all: Declared[]): Map<string, Declared[]> {
  const m = new Map<string, Declared[]>();
  for (const d of all) m.set(namespaceOf(d.def.name), [...(m.get(namespaceOf(d.def.name)) ?? []), d]);
  return m;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function referenceFile(all: Declared[]): string {
  const lines = [
    "<!-- Generated by scripts/generate.ts from the declarations under provider/lookups/. Do not edit: run `npm run generate`. -->",
    "",
    "# Reference",
    "",
    "Every lookup exists as a resource class, `getX` / `getXOutput` functions (and, for the listed lookups, `getXs` /",
    "`getXsOutput`), and the `backup-lookup` command (`--kebab-case` flags). Times are ISO-8601 UTC to the second.",
    "Every output listed is present; `null` where the API gave no value. Every argument is also echoed as an output.",
    "",
    "| lookup | namespace functions | what it finds |",
    "| --- | --- | --- |",
  ];
  for (const d of all) {
    const C = classOf(d.def.name);
    const fns = [`get${C}`, `get${C}Output`, ...(d.def.kind !== "job" ? [`get${C}s`, `get${C}sOutput`] : [])].map((f) => `\`${f}\``).join(", ");
    lines.push(`| [\`${d.def.name}\`](#${d.def.name.replace(/\./g, "").toLowerCase()}) | ${fns} | ${mdCell(d.def.summary)} |`);
  }
  lines.push("", "## Outputs every lookup has", "", "| output | type | meaning |", "| --- | --- | --- |");
  for (const [name, o] of Object.entries(COMMON_OUTPUTS)) lines.push(`| \`${name}\` | \`${mdCell(outputType(o))}\` | ${mdCell(o.doc)} |`);
  for (const d of all) {
    lines.push("", `## \`${d.def.name}\``, "", d.def.summary, "", "| argument | type | meaning |", "| --- | --- | --- |");
    for (const f of specFields({ ...commonArgsFor(d.def, "resource"), ...d.def.args }))
      lines.push(`| \`${f.name}\` | \`${mdCell(f.type)}\` | ${mdCell(f.doc)} |`);
    lines.push("", "| output | type | meaning |", "| --- | --- | --- |");
    for (const [name, o] of Object.entries(d.def.outputs))
      lines.push(`| \`${name}\` | \`${mdCell(outputType(o))}\` | ${mdCell(o.doc)}${o.secret ? " Secret." : ""} |`);
  }
  return lines.join("\n") + "\n";
}

/** Every generated file: repository path -> content. */
export function generate(): Map<string, string> {
  const all = findDeclarations();
  const files = new Map<string, string>();
  files.set("provider/lookups/index.ts", registryFile(all));
  files.set("provider/index.ts", indexFile(all));
  files.set("provider/types/BackupLookupAnswers.ts", answersFile(all));
  files.set("provider/types/common.ts", commonFile());
  for (const d of all) {
    files.set(`provider/types/${d.file}.ts`, typesFile(d));
    files.set(`provider/pulumi/providers/${d.def.name}.ts`, providerFile(d));
  }
  for (const [ns, members] of namespaces(all)) files.set(`provider/pulumi/${ns.replace(".", "/")}.ts`, namespaceFile(ns, members));
  files.set("docs/reference.md", referenceFile(all));
  return files;
}

if (require.main === module) {
  const files = generate();
  for (const [rel, text] of files) {
    const file = path.join(ROOT, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (old !== text) {
      fs.writeFileSync(file, text);
      process.stdout.write(`wrote ${rel}\n`);
    }
  }
}
