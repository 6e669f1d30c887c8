/**
 * Proves test/support/providerHost.ts against the real `@pulumi/pulumi/cmd/dynamic-provider` host: an inline
 * echo provider is serialized the way `pulumi.dynamic.Resource` serializes `__provider`
 * (`dynamic/index.js` serializeFunctionMaybeSecret: `serializeFunction(() => provider, {allowSecrets: true})`),
 * sent as `__provider`, and every RPC's round trip is asserted exactly.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
  HARNESS_PROJECT,
  ProviderHost,
  ProviderHostError,
  UNKNOWN,
  isSecretWire,
  secretWire,
  startProviderHost,
  unwrapSecrets,
  urnFor,
  waitForOutput,
} from "./support/providerHost";

// Copied into locals so the serialized provider captures strings, not the @pulumi/pulumi module.
const SIG_KEY: string = pulumi.runtime.specialSigKey;
const SECRET_SIG: string = pulumi.runtime.specialSecretSig;

interface EchoState {
  config?: Record<string, unknown>;
  configureCalls: number;
}
const state: EchoState = { configureCalls: 0 };

/** What the echo provider switches on (each flag optional), besides whatever else a test sends. */
interface EchoProps {
  [field: string]: unknown;
  name?: string;
  token?: string;
  throwInCheck?: string;
  returnUndefined?: boolean;
  bad?: string;
  mode?: string;
  hang?: boolean;
  fail?: boolean;
  useLib?: boolean;
  returnDate?: boolean;
  gone?: boolean;
  withInputs?: boolean;
}

/** Echoes what it receives; behaviour switches on input flags so one provider covers every case. */
const echoProvider: pulumi.dynamic.ResourceProvider & { configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> } = {
  async configure(req: pulumi.dynamic.ConfigureRequest) {
    state.configureCalls++;
    state.config = {
      region: req.config.get("alicloud:region"),
      secretKey: req.config.get("alicloud:secretKey"),
      projectScoped: req.config.get("greeting"), // no namespace: the host prefixes the project name
      missing: req.config.get("alicloud:nope") ?? null,
    };
  },
  async check(olds: EchoProps, news: EchoProps) {
    if (news.throwInCheck) throw new Error(`check refused ${news.throwInCheck}`);
    if (news.returnUndefined) return { inputs: { ...news, notSerializable: undefined } };
    const failures = news.bad ? [{ property: "bad", reason: `bad is ${news.bad}` }] : [];
    return {
      inputs: {
        ...news,
        seenConfig: state.config,
        configureCalls: state.configureCalls,
        oldsSeen: olds,
        tokenSeen: news.token ?? null,
        tokenWire: news.token === undefined ? null : { [SIG_KEY]: SECRET_SIG, value: news.token },
      },
      failures,
    };
  },
  async diff(id: string, olds: EchoProps, news: EchoProps) {
    if (news.mode === "replace") return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
    if (news.mode === "unknown") return {};
    return { changes: olds.name !== news.name };
  },
  async create(inputs: EchoProps) {
    if (inputs.hang) return new Promise<never>(() => undefined);
    if (inputs.fail) throw new Error(`create failed for ${inputs.name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dependency of the provider's project, resolved in the host
    const lib = inputs.useLib ? (require("harness-echo-lib") as { shout(s: unknown): string }) : undefined;
    return {
      id: `id-${inputs.name}`,
      outs: {
        ...inputs,
        created: true,
        secretOut: { [SIG_KEY]: SECRET_SIG, value: `s3cr3t-${inputs.name}` },
        fromLib: lib ? lib.shout(inputs.name) : null,
        when: inputs.returnDate ? new Date(0) : null,
      },
    };
  },
  async read(id: string, props: EchoProps) {
    if (props.gone) return { id: "", props: {} };
    if (props.withInputs) return { id, props: { ...props, refreshed: true }, inputs: { name: props.name } };
    return { id, props: { ...props, refreshed: true } };
  },
  async update(id: string, olds: EchoProps, news: EchoProps) {
    return { outs: { ...news, updatedFrom: olds.name, id } };
  },
  async delete(id: string, props: EchoProps) {
    console.error(`DELETE ${id} ${JSON.stringify(props)}`);
  },
};

const TYPE = "pulumi-nodejs:dynamic:Resource";
let serialized: string;
let projectDir: string;
let host: ProviderHost;

beforeAll(async () => {
  const sf = await pulumi.runtime.serializeFunction(() => echoProvider, { allowSecrets: true });
  serialized = sf.text;
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-host-harness-"));
  const lib = path.join(projectDir, "node_modules", "harness-echo-lib");
  fs.mkdirSync(lib, { recursive: true });
  fs.writeFileSync(path.join(lib, "package.json"), JSON.stringify({ name: "harness-echo-lib", version: "1.0.0", main: "index.js" }));
  fs.writeFileSync(path.join(lib, "index.js"), "exports.shout = (s) => String(s).toUpperCase() + '!';\n");
  host = await startProviderHost({ cwd: projectDir });
});

afterAll(async () => {
  await host?.close();
  if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
});

const P = () => ({ __provider: serialized });

describe("provider host harness", () => {
  test("the serialized provider is self-contained and secret-free", () => {
    expect(serialized).toContain("exports.handler");
    expect(serialized).not.toMatch(/require\("@pulumi\/pulumi/);
    expect(serialized).not.toContain("sk-very-secret");
  });

  test("the host printed its port as the first stdout line; CRUD before configure is refused by the harness", async () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.stdout().split("\n")[0]).toBe(String(host.port));
    await expect(host.check(urnFor(TYPE, "early"), {}, { ...P() })).rejects.toThrow(
      "Check: call configure() first; the engine always configures a provider before using it",
    );
  });

  test("configure: the host answers acceptSecrets=false and no supportsPreview", async () => {
    const res = await host.configure({
      "alicloud:region": "cn-hangzhou",
      "alicloud:secretKey": secretWire("sk-very-secret"),
      [`${HARNESS_PROJECT}:greeting`]: "hello",
      "huaweicloud:projectId": "p-1",
    });
    expect(res).toEqual({ acceptSecrets: false, supportsPreview: false });
  });

  test("check: configured config (secret unwrapped) reaches check; a secret input arrives as plaintext", async () => {
    const news = { ...P(), name: "a", token: secretWire("tok-1"), nested: { list: [1, "two", null, true] } };
    const res = await host.check(urnFor(TYPE, "a"), {}, news);
    expect(res.failures).toEqual([]);
    expect(res.inputs).toEqual({
      __provider: serialized,
      name: "a",
      token: "tok-1", // the engine strips secrets for a host with acceptSecrets=false
      nested: { list: [1, "two", null, true] },
      seenConfig: { region: "cn-hangzhou", secretKey: "sk-very-secret", projectScoped: "hello", missing: null },
      configureCalls: 1,
      oldsSeen: {},
      tokenSeen: "tok-1",
      tokenWire: secretWire("tok-1"), // returned in wire form => comes back marked secret
    });
    expect(isSecretWire(res.inputs.tokenWire)).toBe(true);
    expect(isSecretWire(res.inputs.token)).toBe(false);
  });

  test("check: olds are passed through, failures are returned, unknowns arrive as the unknown sentinel", async () => {
    const olds = { ...P(), name: "old" };
    const res = await host.check(urnFor(TYPE, "b"), olds, { ...P(), name: UNKNOWN, bad: "yes" });
    expect(res.failures).toEqual([{ property: "bad", reason: "bad is yes" }]);
    expect(res.inputs.name).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    expect(res.inputs.oldsSeen).toEqual(olds);
    expect(res.inputs.configureCalls).toBe(1); // configure ran once per process, on the first CRUD call
  });

  test("check: a thrown error becomes a gRPC UNKNOWN error with the message", async () => {
    const err = (await host.check(urnFor(TYPE, "c"), {}, { ...P(), throwInCheck: "politely" }).catch((e: unknown) => e)) as ProviderHostError;
    expect(err).toBeInstanceOf(ProviderHostError);
    expect(err.code).toBe(2);
    expect(err.details).toBe("check refused politely");
    expect(err.message).toBe("Check failed (gRPC UNKNOWN): check refused politely");
  });

  test("check: an undefined value anywhere in the result fails in the host's Struct encoder", async () => {
    await expect(host.check(urnFor(TYPE, "u"), {}, { ...P(), returnUndefined: true })).rejects.toThrow("Check failed (gRPC UNKNOWN): Unexpected struct type.");
  });

  test("create: returns id and outs (plus __provider); a secret returned in wire form stays in wire form", async () => {
    const res = await host.create(urnFor(TYPE, "a"), { ...P(), name: "a", token: secretWire("tok-1") });
    expect(res).toEqual({
      id: "id-a",
      properties: {
        __provider: serialized,
        name: "a",
        token: "tok-1",
        created: true,
        secretOut: secretWire("s3cr3t-a"),
        fromLib: null,
        when: null,
      },
    });
  });

  test("create: the provider's require() resolves from the host's cwd; a Date becomes {}", async () => {
    const res = await host.create(urnFor(TYPE, "lib"), { ...P(), name: "lib", useLib: true, returnDate: true });
    expect(res.properties.fromLib).toBe("LIB!");
    expect(res.properties.when).toEqual({});
  });

  test("create in preview is not sent: the engine uses the inputs as outputs", async () => {
    const before = host.rawResponses.length;
    const props = { ...P(), name: "p", fail: true };
    expect(await host.create(urnFor(TYPE, "p"), props, { preview: true })).toEqual({ id: "", properties: props });
    expect(host.rawResponses.length).toBe(before);
  });

  test("create: a thrown error is reported with its message", async () => {
    await expect(host.create(urnFor(TYPE, "f"), { ...P(), name: "f", fail: true })).rejects.toThrow("Create failed (gRPC UNKNOWN): create failed for f");
  });

  test("read: props echoed with __provider; inputs only when the provider returns them; empty id = gone", async () => {
    const props = { ...P(), name: "a", created: true };
    expect(await host.read("id-a", urnFor(TYPE, "a"), props)).toEqual({
      id: "id-a",
      properties: { ...props, refreshed: true },
      inputs: {},
      hasInputs: false,
    });
    expect(await host.read("id-a", urnFor(TYPE, "a"), { ...props, withInputs: true }, { ...P(), name: "a" })).toEqual({
      id: "id-a",
      properties: { ...props, withInputs: true, refreshed: true },
      inputs: { name: "a", __provider: serialized },
      hasInputs: true,
    });
    expect(await host.read("id-a", urnFor(TYPE, "a"), { ...props, gone: true })).toEqual({
      id: "",
      properties: { __provider: serialized },
      inputs: {},
      hasInputs: false,
    });
  });

  test("diff: changes true/false/undefined map to DIFF_SOME/DIFF_NONE/DIFF_UNKNOWN; replaces and deleteBeforeReplace", async () => {
    const urn = urnFor(TYPE, "a");
    expect(await host.diff("id-a", urn, { ...P(), name: "a" }, { ...P(), name: "a" })).toEqual({
      changes: "DIFF_NONE",
      replaces: [],
      diffs: [],
      stables: [],
      deleteBeforeReplace: false,
    });
    expect(await host.diff("id-a", urn, { ...P(), name: "a" }, { ...P(), name: "b" })).toEqual({
      changes: "DIFF_SOME",
      replaces: [],
      diffs: [],
      stables: [],
      deleteBeforeReplace: false,
    });
    expect(await host.diff("id-a", urn, { ...P(), name: "a" }, { ...P(), name: "a", mode: "replace" })).toEqual({
      changes: "DIFF_SOME",
      replaces: ["name"],
      diffs: [],
      stables: [],
      deleteBeforeReplace: true,
    });
    expect((await host.diff("id-a", urn, { ...P() }, { ...P(), mode: "unknown" })).changes).toBe("DIFF_UNKNOWN");
  });

  test("update: receives olds and news, returns outs plus __provider", async () => {
    const res = await host.update("id-a", urnFor(TYPE, "a"), { ...P(), name: "a" }, { ...P(), name: "b", token: secretWire("t") });
    expect(res).toEqual({ properties: { __provider: serialized, name: "b", token: "t", updatedFrom: "a", id: "id-a" } });
  });

  test("delete: receives id and props (seen on the host's stderr)", async () => {
    await expect(host.delete("id-a", urnFor(TYPE, "a"), { ...P(), name: "a" })).resolves.toBeUndefined();
    await waitForOutput(host.stderr, `DELETE id-a ${JSON.stringify({ __provider: serialized, name: "a" })}\n`);
  });

  test("rawResponses records every decoded response and error, so secrets can be scanned for", () => {
    const methods = host.rawResponses.map((r) => (r as { method: string }).method);
    expect(methods).toEqual(expect.arrayContaining(["Configure", "Check", "Create", "Read", "Diff", "Update", "Delete"]));
    expect(host.rawResponses).toContainEqual({ method: "Configure", response: { acceptSecrets: false, supportsPreview: false } });
    expect(host.rawResponses).toContainEqual({
      method: "Create",
      error: "Create failed (gRPC UNKNOWN): create failed for f",
    });
    const dump = JSON.stringify(host.rawResponses);
    expect(dump).toContain("sk-very-secret"); // a scan finds the secret key the echo provider leaked from check
    expect(dump).toContain("s3cr3t-a"); // and the wire-form secret output of create
  });
});

describe("wire helpers", () => {
  test("secretWire / isSecretWire / unwrapSecrets use the SDK's constants and unwrap at any depth", () => {
    expect(secretWire("x")).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "x" });
    expect(isSecretWire(secretWire(null))).toBe(true);
    expect(isSecretWire({ value: "x" })).toBe(false);
    expect(isSecretWire(null)).toBe(false);
    expect(unwrapSecrets({ a: secretWire({ b: [secretWire(1), 2] }), c: "d", e: null })).toEqual({ a: { b: [1, 2] }, c: "d", e: null });
    expect(UNKNOWN).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  test("urnFor builds the URN of the harness stack and project", () => {
    expect(urnFor("pulumi-nodejs:dynamic/x:Y", "n")).toBe("urn:pulumi:harness-stack::harness-project::pulumi-nodejs:dynamic/x:Y::n");
  });
});

describe("provider host harness: failure modes", () => {
  test("a call that never answers times out with a clear error, and close() kills the host", async () => {
    const h = await startProviderHost({ cwd: projectDir, callTimeoutMs: 1500 });
    await h.configure({ "alicloud:region": "cn-hangzhou" });
    const started = performance.now(); // elapsed time on the monotonic clock (the wall clock may be stepped)
    const err = (await h.create(urnFor(TYPE, "h"), { ...P(), name: "h", hang: true }).catch((e: unknown) => e)) as ProviderHostError;
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(err).toBeInstanceOf(ProviderHostError);
    expect(err.code).toBe(4); // DEADLINE_EXCEEDED
    expect(err.message).toMatch(/^Create timed out after 1500 ms: the provider host did not answer; host stderr:/);
    await h.close();
    expect(() => process.kill(h.pid, 0)).toThrow(/ESRCH/);
    await h.close(); // idempotent
    await expect(h.check(urnFor(TYPE, "x"), {}, {})).rejects.toThrow("Check: the provider host was closed");
  });

  test("configure refuses keys the engine would never send", async () => {
    const h = await startProviderHost({ cwd: projectDir });
    try {
      await expect(h.configure({ region: "x" })).rejects.toThrow('configure: key "region" is not namespaced');
      await expect(h.configure({ "a:b": UNKNOWN })).rejects.toThrow("the engine would not call Configure at all");
    } finally {
      await h.close();
    }
  });

  test("a host that dies before printing its port is reported with its stderr; a bad cwd with the spawn error", async () => {
    await expect(startProviderHost({ cwd: projectDir, env: { NODE_OPTIONS: "--require /nonexistent-preload.js" } })).rejects.toThrow(
      /^provider host exited \(code 1, signal null\) before printing its port; stderr:\n[\s\S]*Cannot find module '\/nonexistent-preload.js'/,
    );
    await expect(startProviderHost({ cwd: path.join(projectDir, "does-not-exist") })).rejects.toThrow(/ENOENT/);
  });
});
