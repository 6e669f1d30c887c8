/**
 * Drives the REAL Pulumi Node.js dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC,
 * the way the Pulumi engine does, so tests exercise the serialized `__provider`, the host's (de)serialization
 * of property maps, secrets and errors, without a Pulumi CLI.
 *
 * What the engine does, and this harness copies (pulumi/pulumi `pkg/resource/plugin/provider_plugin.go`,
 * `pkg/resource/deploy/target.go`; the host side is `@pulumi/pulumi/cmd/dynamic-provider/index.js`):
 * - spawn `node <dynamic-provider> <engine address>` (the address is never dialled), read the port from
 *   the first stdout line, connect insecurely to 127.0.0.1:<port>; there is no shutdown RPC: kill it;
 * - Configure first, with the WHOLE stack config (dynamic providers get every namespace): `variables`
 *   holds `pulumi-nodejs:config:<ns:key>` = plaintext string, `args` is a Struct `{ "<ns:key>": value }`
 *   with secret values in the secret wire form; `acceptSecrets`/`acceptResources`/`sendsOldInputs*` true.
 *   The host answers acceptSecrets=false and no supportsPreview. It unwraps top-level secrets and passes
 *   `{config}` to the provider's `configure` lazily, on the first CRUD call (not during Configure);
 * - because the host does not accept secrets, every later property map is sent with secrets stripped to
 *   plaintext (MarshalProperties KeepSecrets=false); unknowns travel as {@link UNKNOWN};
 * - a preview Create on a provider without supportsPreview is NOT sent: the engine uses the inputs as
 *   the outputs (`create(urn, props, {preview: true})` returns `{id: "", properties: props}`).
 * Responses are returned as decoded (Struct.toJavaScript) plain objects, secrets still in wire form; the
 * engine-side re-marking of secrets (annotateSecrets) is NOT applied, so tests see what the host sent.
 */
import { ChildProcess, spawn } from "child_process";
import { EventEmitter } from "events";
import * as grpc from "@grpc/grpc-js";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import { timeEnv } from "./timeEnv";

/** The value the engine sends for an input that is unknown during preview (`rpc.unknownValue`). */
export const UNKNOWN: string = rpc.unknownValue;
/** Project and stack the harness runs as (PULUMI_NODEJS_PROJECT / PULUMI_NODEJS_STACK) and puts in URNs. */
export const HARNESS_PROJECT = "harness-project";
export const HARNESS_STACK = "harness-stack";
const DEFAULT_CALL_TIMEOUT_MS = 20_000;
const DEFAULT_START_TIMEOUT_MS = 20_000;

/** A value in the wire form the engine and SDK use for secrets. */
export interface SecretWire {
  [key: string]: unknown;
  value: unknown;
}

/** Wraps a value in the secret wire form `{[rpc.specialSigKey]: rpc.specialSecretSig, value}`. */
export function secretWire(v: unknown): SecretWire {
  return { [rpc.specialSigKey]: rpc.specialSecretSig, value: v };
}

/** True for a value in the secret wire form. */
export function isSecretWire(v: unknown): v is SecretWire {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;
}

/** Replaces every secret wire value, at any depth, by its plaintext (what the engine sends a provider that does not accept secrets). */
export function unwrapSecrets<T>(obj: T): T {
  return unwrapped(obj) as T;
}

function unwrapped(obj: unknown): unknown {
  if (isSecretWire(obj)) return unwrapped(obj.value);
  if (Array.isArray(obj)) return obj.map(unwrapped);
  if (typeof obj === "object" && obj !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = unwrapped(v);
    return out;
  }
  return obj;
}

/** The URN the engine would give a resource of `type` named `name` in the harness stack. */
export function urnFor(type: string, name: string): string {
  return `urn:pulumi:${HARNESS_STACK}::${HARNESS_PROJECT}::${type}::${name}`;
}

/** Fires whenever a provider host this process started writes to its stdout or stderr (waitForOutput listens). */
const outputArrived = new EventEmitter().setMaxListeners(0);

/**
 * Waits until `read()` (e.g. `host.stderr`) contains `needle`. The host's stdout/stderr arrive on their own
 * pipes, so a line the provider logged may land after the gRPC response: `read()` is checked now and again each
 * time a host's output arrives (no polling); `timeoutMs` is only the deadline for a line that never comes.
 */
export function waitForOutput(read: () => string, needle: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const text = read();
      if (!text.includes(needle)) return;
      stop();
      resolve(text);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`output did not contain ${JSON.stringify(needle)} within ${timeoutMs} ms; got:\n${tail(read())}`));
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      outputArrived.off("data", check);
    };
    outputArrived.on("data", check);
    check();
  });
}

/** A gRPC call to the provider host failed or timed out. */
export class ProviderHostError extends Error {
  constructor(
    message: string,
    /** The RPC, e.g. "Check". */
    readonly method: string,
    /** gRPC status code (grpc.status), e.g. 2 UNKNOWN for an exception thrown by the provider. */
    readonly code: number,
    /** The status details: for a provider exception, the host's `String(error)` / `error.message`. */
    readonly details: string,
  ) {
    super(message);
    this.name = "ProviderHostError";
  }
}

export type DiffChanges = "DIFF_NONE" | "DIFF_SOME" | "DIFF_UNKNOWN";

export interface ProviderHost {
  port: number;
  /** Process id of the host (for tests that check it is gone after close). */
  pid: number;
  /** Everything the host wrote to stderr so far (provider `console.error`, host error stacks). */
  stderr: () => string;
  /** Everything the host wrote to stdout so far, starting with the port line. */
  stdout(): string;
  /**
   * Configure as the engine does: `config` is the stack config with namespaced keys ("alicloud:region");
   * values are strings, a secret value is given as `secretWire("...")`. Must be the first call.
   */
  configure(config: Record<string, string | SecretWire>, opts?: { acceptSecrets?: boolean }): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }>;
  check(
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ changes: DiffChanges; replaces: string[]; diffs: string[]; stables: string[]; deleteBeforeReplace: boolean }>;
  create(urn: string, props: Record<string, unknown>, opts?: { preview?: boolean }): Promise<{ id: string; properties: Record<string, unknown> }>;
  /** `inputs` is `{}` when the provider returned none (`hasInputs` tells them apart). */
  read(
    id: string,
    urn: string,
    props: Record<string, unknown>,
    inputs?: Record<string, unknown>,
  ): Promise<{ id: string; properties: Record<string, unknown>; inputs: Record<string, unknown>; hasInputs: boolean }>;
  update(id: string, urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ properties: Record<string, unknown> }>;
  delete(id: string, urn: string, props: Record<string, unknown>): Promise<void>;
  /** Every decoded response (`{method, response}`) and every error (`{method, error}`), in order, for secret scans. */
  rawResponses: unknown[];
  /** Closes the channel and kills the host; idempotent. */
  close(): Promise<void>;
}

export interface StartProviderHostOptions {
  /** Working directory of the host: `require("pkg/...")` in the serialized provider resolves from here. */
  cwd: string;
  /** Extra environment for the host (wins over the defaults). */
  env?: Record<string, string>;
  /**
   * Pass the test process's whole environment through (as the engine does). Default false: only PATH,
   * HOME, temp-dir, locale and clock variables (timeEnv.ts), so cloud credentials of the developer never leak
   * into a test.
   */
  inheritEnv?: boolean;
  /** Per-call deadline; a call that takes longer fails with a ProviderHostError. Default 20 000 ms. */
  callTimeoutMs?: number;
  /** How long to wait for the port line. Default 20 000 ms. */
  startTimeoutMs?: number;
  /** The node binary to run the host with. Default: this process's. */
  node?: string;
  /** The host's entry, e.g. an installed project's `@pulumi/pulumi/cmd/dynamic-provider`. Default: this repository's. */
  hostEntry?: string;
}

const PASSTHROUGH_ENV = ["PATH", "HOME", "USERPROFILE", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "LANG", "LC_ALL"];

const live = new Set<{ child: ChildProcess; close(): Promise<void> }>();

/** Closes every host that a test left open (registered as an afterAll hook when loaded by jest). */
export async function closeAllProviderHosts(): Promise<void> {
  await Promise.all([...live].map((h) => h.close()));
}

declare const afterAll: ((fn: () => Promise<void>) => void) | undefined;
try {
  if (typeof afterAll === "function") afterAll(closeAllProviderHosts);
} catch {
  // loaded from inside a test, where hooks cannot be added: the exit handler below still kills the hosts
}
process.on("exit", () => {
  for (const h of live) h.child.kill("SIGKILL");
});

function tail(s: string, n = 4000): string {
  return s.length > n ? "…" + s.slice(-n) : s;
}

/** JSON semantics for the Struct encoder: undefined members are dropped (Struct.fromJavaScript throws on them). */
function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x: unknown) => (x === undefined ? null : dropUndefined(x)));
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = dropUndefined(x);
    return out;
  }
  return v;
}

function urnParts(urn: string): { name: string; type: string } {
  const parts = urn.split("::");
  if (!urn.startsWith("urn:pulumi:") || parts.length < 4) throw new Error(`not a Pulumi URN: "${urn}" (use urnFor(type, name))`);
  const qualifiedType = parts[parts.length - 2];
  return { name: parts[parts.length - 1], type: qualifiedType.split("$").pop()! };
}

/** A request about one resource (CheckRequest, CreateRequest, DiffRequest, ...): it names the resource by URN, name and type. */
interface ResourceRequest<R> {
  setUrn(value: string): R;
  setName(value: string): R;
  setType(value: string): R;
}

/** `req` naming the resource `urn`: the URN, and the name and type the engine parses from it. */
function forResource<R extends ResourceRequest<R>>(req: R, urn: string): R {
  const { name, type } = urnParts(urn);
  return req.setUrn(urn).setName(name).setType(type);
}

export async function startProviderHost(opts: StartProviderHostOptions): Promise<ProviderHost> {
  const callTimeoutMs = opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const entry = opts.hostEntry ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider");

  const baseEnv: Record<string, string> = {};
  if (opts.inheritEnv) Object.assign(baseEnv, process.env);
  else {
    for (const k of PASSTHROUGH_ENV) if (process.env[k] !== undefined) baseEnv[k] = process.env[k]!;
    Object.assign(baseEnv, timeEnv());
  }
  // The official Alibaba default credential chain must never ask the ECS metadata service from a test.
  baseEnv.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  const env: Record<string, string> = {
    ...baseEnv,
    PULUMI_NODEJS_PROJECT: HARNESS_PROJECT,
    PULUMI_NODEJS_STACK: HARNESS_STACK,
    PULUMI_NODEJS_ORGANIZATION: "organization",
    PULUMI_PROJECT: HARNESS_PROJECT,
    PULUMI_STACK: HARNESS_STACK,
    PULUMI_ORGANIZATION: "organization",
    ...opts.env,
  };

  const child = spawn(opts.node ?? process.execPath, [entry, "127.0.0.1:1"], { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    outputArrived.emit("data");
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    outputArrived.emit("data");
  });
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve()); // spawn failed: there is no process to wait for
  });
  let exitInfo: string | undefined;
  child.once("exit", (code, signal) => (exitInfo = `exited with code ${code} signal ${signal}`));

  const kill = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`provider host printed no port within ${startTimeoutMs} ms; stderr:\n${tail(err)}`)), startTimeoutMs);
      const onData = () => {
        const nl = out.indexOf("\n");
        if (nl < 0) return;
        clearTimeout(timer);
        child.stdout.off("data", onData);
        const p = Number(out.slice(0, nl).trim());
        if (Number.isInteger(p) && p > 0) resolve(p);
        else reject(new Error(`provider host's first stdout line is not a port: "${out.slice(0, nl)}"; stderr:\n${tail(err)}`));
      };
      child.stdout.on("data", onData);
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`provider host exited (code ${code}, signal ${signal}) before printing its port; stderr:\n${tail(err)}`));
      });
    });
  } catch (e) {
    await kill();
    throw e;
  }

  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
  });
  const rawResponses: unknown[] = [];
  let configured: { acceptSecrets: boolean; supportsPreview: boolean } | undefined;
  let closed = false;

  function unary<Req, Res>(
    method: string,
    call: (req: Req, md: grpc.Metadata, o: Partial<grpc.CallOptions>, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown,
    req: Req,
  ): Promise<Res> {
    if (closed) return Promise.reject(new Error(`${method}: the provider host was closed`));
    return new Promise<Res>((resolve, reject) => {
      const deadline = new Date(Date.now() + callTimeoutMs);
      call.call(client, req, new grpc.Metadata(), { deadline }, (e, res) => {
        if (!e) return resolve(res);
        const message =
          e.code === grpc.status.DEADLINE_EXCEEDED
            ? `${method} timed out after ${callTimeoutMs} ms: the provider host did not answer` +
              (exitInfo ? ` (host ${exitInfo})` : "") +
              `; host stderr:\n${tail(err)}`
            : `${method} failed (gRPC ${grpc.status[e.code] ?? e.code}): ${e.details}` + (exitInfo ? ` (host ${exitInfo})` : "");
        rawResponses.push({ method, error: message });
        reject(new ProviderHostError(message, method, e.code, e.details));
      });
    });
  }

  function record<T>(method: string, response: T): T {
    rawResponses.push({ method, response });
    return response;
  }

  function requireConfigured(method: string): { acceptSecrets: boolean; supportsPreview: boolean } {
    if (!configured) throw new Error(`${method}: call configure() first; the engine always configures a provider before using it`);
    return configured;
  }

  /** Marshal a property map as the engine does for this provider (secrets stripped unless it accepts them). */
  function toStruct(method: string, props: Record<string, unknown>): Struct {
    const cfg = requireConfigured(method);
    return Struct.fromJavaScript(dropUndefined(cfg.acceptSecrets ? props : unwrapSecrets(props)) as Record<string, JavaScriptValue>);
  }

  const decode = (s: Struct | undefined): Record<string, unknown> => (s ? s.toJavaScript() : {});

  const changesName: Record<number, DiffChanges> = {
    [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "DIFF_NONE",
    [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "DIFF_SOME",
    [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "DIFF_UNKNOWN",
  };

  const handle = {
    child,
    close: async () => {
      if (closed) return;
      closed = true;
      live.delete(handle);
      client.close();
      await kill();
    },
  };
  live.add(handle);

  const host: ProviderHost = {
    port,
    pid: child.pid!,
    stderr: () => err,
    stdout: () => out,
    rawResponses,
    close: handle.close,

    async configure(config, o) {
      const req = new provproto.ConfigureRequest();
      req.setAcceptsecrets(o?.acceptSecrets ?? true);
      req.setAcceptresources(true);
      req.setSendsOldInputs(true);
      req.setSendsOldInputsToDelete(true);
      const variables = req.getVariablesMap();
      const args: Record<string, JavaScriptValue> = {};
      for (const [key, value] of Object.entries(config)) {
        if (!/^[^:]+:.+$/.test(key)) throw new Error(`configure: key "${key}" is not namespaced; the engine sends "<namespace>:<key>"`);
        const plain = isSecretWire(value) ? value.value : value;
        if (typeof plain !== "string") throw new Error(`configure: "${key}" must be a string (the engine sends objects as JSON strings)`);
        if (plain === UNKNOWN) throw new Error(`configure: "${key}" is unknown; the engine would not call Configure at all`);
        variables.set(`pulumi-nodejs:config:${key}`, plain);
        args[key] = value;
      }
      req.setArgs(Struct.fromJavaScript(args));
      const res = await unary<provproto.ConfigureRequest, provproto.ConfigureResponse>("Configure", (...a) => client.configure(...a), req);
      configured = { acceptSecrets: res.getAcceptsecrets(), supportsPreview: res.getSupportspreview() };
      return record("Configure", { ...configured });
    },

    async check(urn, olds, news) {
      const req = forResource(new provproto.CheckRequest(), urn);
      req.setOlds(toStruct("Check", olds)).setNews(toStruct("Check", news));
      const res = await unary<provproto.CheckRequest, provproto.CheckResponse>("Check", (...a) => client.check(...a), req);
      return record("Check", {
        inputs: decode(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      });
    },

    async diff(id, urn, olds, news) {
      const req = forResource(new provproto.DiffRequest(), urn).setId(id);
      req.setOlds(toStruct("Diff", olds)).setNews(toStruct("Diff", news));
      const res = await unary<provproto.DiffRequest, provproto.DiffResponse>("Diff", (...a) => client.diff(...a), req);
      return record("Diff", {
        changes: changesName[res.getChanges()] ?? "DIFF_UNKNOWN",
        replaces: res.getReplacesList(),
        diffs: res.getDiffsList(),
        stables: res.getStablesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      });
    },

    async create(urn, props, o) {
      const cfg = requireConfigured("Create");
      if (o?.preview && !cfg.supportsPreview) {
        // provider_plugin.go Create: "If the provider does not support previews, return the inputs as the state."
        return { id: "", properties: props };
      }
      const req = forResource(new provproto.CreateRequest(), urn).setPreview(!!o?.preview);
      req.setProperties(toStruct("Create", props));
      const res = await unary<provproto.CreateRequest, provproto.CreateResponse>("Create", (...a) => client.create(...a), req);
      return record("Create", { id: res.getId(), properties: decode(res.getProperties()) });
    },

    async read(id, urn, props, inputs) {
      const req = forResource(new provproto.ReadRequest(), urn).setId(id);
      req.setProperties(toStruct("Read", props));
      if (inputs) req.setInputs(toStruct("Read", inputs));
      const res = await unary<provproto.ReadRequest, provproto.ReadResponse>("Read", (...a) => client.read(...a), req);
      return record("Read", {
        id: res.getId(),
        properties: decode(res.getProperties()),
        inputs: decode(res.getInputs()),
        hasInputs: res.hasInputs(),
      });
    },

    async update(id, urn, olds, news) {
      const req = forResource(new provproto.UpdateRequest(), urn).setId(id);
      req.setOlds(toStruct("Update", olds)).setNews(toStruct("Update", news));
      const res = await unary<provproto.UpdateRequest, provproto.UpdateResponse>("Update", (...a) => client.update(...a), req);
      return record("Update", { properties: decode(res.getProperties()) });
    },

    async delete(id, urn, props) {
      const req = forResource(new provproto.DeleteRequest(), urn).setId(id);
      req.setProperties(toStruct("Delete", props));
      await unary<provproto.DeleteRequest, unknown>("Delete", (...a) => client.delete(...a), req);
      record("Delete", {});
    },
  };
  return host;
}
