/**
 * The error classes every layer throws. Each carries what a user needs to act: what failed, the cloud's code
 * and request id where there is one, whether a retry could help, and the CLI exit status it maps to
 * (README "Command line": 2 invalid arguments, 3 no matching backup, 1 anything else). Messages pass through
 * `redact`, then `visible` (./visible.ts): cloud text in a message can neither hold a secret nor drive a terminal.
 */
import type { Audience } from "./context";
import { redact } from "./redact";
import { visible } from "./visible";

export type ExitStatus = 1 | 2 | 3;

/**
 * Base class: a failure of a lookup with a one-line, secret-free message. The message is redacted, then made
 * `visible`: one line by contract, so a line break in it (only cloud text can hold one) is shown as `\x0a`.
 */
export class BackupLookupError extends Error {
  readonly exitStatus: ExitStatus;
  /** `message` undefined leaves it to a subclass's getter (CloudApiError). */
  constructor(message: string | undefined, exitStatus: ExitStatus = 1) {
    super(message === undefined ? undefined : visible(redact(message)));
    this.name = new.target.name;
    this.exitStatus = exitStatus;
  }
}

/** One problem with one argument, as data (house style 7): becomes a CheckFailure on `argument`. */
export interface ArgumentIssue {
  /** The argument's name as the user wrote it (`maxAge`, `tags.env`); empty for the whole object. */
  argument: string;
  /** What is wrong and what is allowed. */
  reason: string;
  /** What kind of problem, for decisions (never read the reason's text): a credential passed as an argument, an
   *  argument that does not apply to this lookup or form, or any other invalid value. */
  code?: "credentialArgument" | "notApplicable" | "invalid";
}

/** Arguments were rejected before any API call (exit 2). */
export class InvalidArgumentsError extends BackupLookupError {
  readonly issues: ArgumentIssue[];
  constructor(lookup: string, issues: ArgumentIssue[]) {
    super(`invalid arguments for ${lookup}: ` + issues.map((i) => (i.argument ? `${i.argument}: ${i.reason}` : i.reason)).join("; "), 2);
    this.issues = issues;
  }
}

/** No record passed the filters (exit 3). */
export class NoBackupFoundError extends BackupLookupError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** The selected backup is older than `maxAge` (exit 3): never a silent stale restore. */
export class StaleBackupError extends BackupLookupError {
  constructor(message: string) {
    super(message, 3);
  }
}

/**
 * How a cloud failure is classified, once per cloud: `endpoint` is an endpoint that cannot be right (TLS spoken
 * to a plain-http port, an untrusted certificate), so retrying it only wastes the user's time.
 */
export type FailureKind = "throttling" | "transient" | "server" | "network" | "timeout" | "auth" | "client" | "response" | "endpoint";

/** Retry classification: throttling, transient, server, network, timeout and malformed responses may pass. */
export function isRetryableKind(kind: FailureKind): boolean {
  return kind !== "auth" && kind !== "client" && kind !== "endpoint";
}

/** The structured fields a failure is classified on (never its message text). */
export interface FailureFacts {
  /** The cloud's error code, or Node's system / TLS error code for a transport failure. */
  code?: string;
  /** HTTP status, when the cloud answered. */
  httpStatus?: number;
  /** The thrown error's `name` (`SyntaxError`, the HTTP library's `RequestTimeoutError`). */
  name?: string;
}

/**
 * One row of a cloud's classification table. Every condition given must hold: `code` is exact, or a prefix
 * (`Throttling*`) or a suffix (`*.NotFound`); `httpStatus` is a number, `4xx`, `5xx`, or `none` (no answer: a
 * transport failure). Templates may use `{action}`, `{endpoint}` and `{code}`.
 */
/**
 * A text worded for who reads it (provider/core/context.ts `Audience`): a Pulumi program's author (arguments,
 * stack config) or the command's user (flags, environment); a plain string reads the same for both.
 */
export type Worded = string | Readonly<Record<Audience, string>>;

/** `text` as `audience` reads it. */
export const wordedFor = (text: Worded, audience: Audience): string => (typeof text === "string" ? text : text[audience]);

const mapWorded = (text: Worded, f: (s: string) => string): Worded => (typeof text === "string" ? f(text) : { pulumi: f(text.pulumi), cli: f(text.cli) });

export interface FailureRule {
  code?: string;
  httpStatus?: number | "4xx" | "5xx" | "none";
  name?: string;
  kind: FailureKind;
  /** The code the error reports, when it is not the cloud's own (`MalformedResponse` for a `SyntaxError`). */
  reportAs?: string;
  /** The error's detail, for failures that have no message of the cloud's. */
  detail?: string;
  /** What to do about it; the kind's default hint when absent. */
  hint?: Worded;
}

/** The first row of `table` that `facts` match; tables end with a catch-all row. */
export function classifyFailure(table: readonly FailureRule[], facts: FailureFacts): FailureRule {
  const row = table.find((r) => ruleMatches(r, facts));
  if (!row) throw new Error("classifyFailure: the table has no catch-all row");
  return row;
}

function ruleMatches(rule: FailureRule, facts: FailureFacts): boolean {
  if (rule.name !== undefined && rule.name !== facts.name) return false;
  if (rule.code !== undefined) {
    const code = facts.code ?? "";
    if (
      rule.code.endsWith("*") ? !code.startsWith(rule.code.slice(0, -1)) : rule.code.startsWith("*") ? !code.endsWith(rule.code.slice(1)) : code !== rule.code
    )
      return false;
  }
  const status = facts.httpStatus;
  switch (rule.httpStatus) {
    case undefined:
      return true;
    case "none":
      return status === undefined;
    case "4xx":
      return status !== undefined && status >= 400 && status < 500;
    case "5xx":
      return status !== undefined && status >= 500;
    default:
      return status === rule.httpStatus;
  }
}

/** Fills `{action}`, `{endpoint}` and `{code}` in a rule's template. */
export function fillTemplate(template: string, values: { action: string; endpoint?: string; code: string; permission?: string }): string {
  const fallback = { action: "the action", endpoint: "the endpoint", code: "the code", permission: `the read permission of ${values.action}` };
  return template.replace(/\{(action|endpoint|code|permission)\}/g, (_m, k: "action" | "endpoint" | "code" | "permission") => values[k] ?? fallback[k]);
}

const FAILED_HINT = "the cloud or the network failed; retry later";

/**
 * Transport failures are the same on both clouds (Node's `net`/`tls` error codes, https://nodejs.org/api/errors.html
 * "Common system errors", and OpenSSL's for TLS); each cloud's table includes these rows. The endpoint is named,
 * with what to check, because a refused connection or a TLS handshake against a plain-http port is almost
 * always a wrong `endpoint` argument.
 */
export const TRANSPORT_FAILURES: readonly FailureRule[] = [
  // https:// against a plain-http port: OpenSSL reads the HTTP answer as a TLS record and fails at once. Retrying
  // cannot help, so this fails fast.
  ...["EPROTO", "ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_PACKET_LENGTH_TOO_LONG"].map((code): FailureRule => ({
    code,
    httpStatus: "none",
    kind: "endpoint",
    detail: "the TLS handshake with {endpoint} failed",
    hint: "the endpoint speaks plain http? use http:// for loopback or check the URL",
  })),
  ...[
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ].map((code): FailureRule => ({
    code,
    httpStatus: "none",
    kind: "endpoint",
    detail: "the TLS certificate of {endpoint} is not trusted",
    hint: "check the URL; behind a TLS-inspecting proxy, give its CA certificate with NODE_EXTRA_CA_CERTS",
  })),
  {
    code: "ECONNREFUSED",
    httpStatus: "none",
    kind: "network",
    detail: "nothing accepted the connection at {endpoint}",
    hint: "check the endpoint's host and port, and that the service is reachable from this machine",
  },
  ...["ENOTFOUND", "EAI_AGAIN"].map((code): FailureRule => ({
    code,
    httpStatus: "none",
    kind: "network",
    detail: "the host of {endpoint} could not be resolved",
    hint: "check the endpoint's host name and this machine's DNS",
  })),
  ...["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"].map((code): FailureRule => ({
    code,
    httpStatus: "none",
    kind: "network",
    detail: "{endpoint} could not be reached",
    hint: "check this machine's network route (proxy, firewall, VPN) to the endpoint",
  })),
  { code: "E*", httpStatus: "none", kind: "network", detail: "network error talking to {endpoint}", hint: FAILED_HINT },
];

/** The hint of a kind when its row gives none. */
const DEFAULT_HINTS: Record<FailureKind, string> = {
  throttling: "",
  transient: FAILED_HINT,
  server: FAILED_HINT,
  network: FAILED_HINT,
  timeout: FAILED_HINT,
  response: FAILED_HINT,
  auth: "",
  client: "",
  endpoint: "check the endpoint URL",
};

/**
 * The hint for `details` from its cloud's table: the first row its code and status match whose kind is the
 * error's kind (a caller may decide the kind itself, e.g. for missing credentials), else the kind's default.
 */
export function hintFor(table: readonly FailureRule[], details: CloudErrorDetails, kindHints: Partial<Record<FailureKind, Worded>> = {}): Worded {
  const row = table.find((r) => r.kind === details.kind && ruleMatches(r, { code: details.code, httpStatus: details.httpStatus }));
  const template = row?.hint ?? kindHints[details.kind] ?? DEFAULT_HINTS[details.kind];
  return mapWorded(template, (t) =>
    fillTemplate(t, { action: details.action, endpoint: details.endpoint, code: details.code, permission: details.permission }),
  );
}

export interface CloudErrorDetails {
  /** The cloud's error code (`InvalidDBInstanceId.NotFound`, `APIGW.0301`), or ours for transport faults. */
  code: string;
  /** The cloud's request id, when the cloud answered. */
  requestId?: string;
  /** HTTP status, when the cloud answered. */
  httpStatus?: number;
  kind: FailureKind;
  /** The API action (`DescribeBackups`, `ListBackupRecords`). */
  action: string;
  /** The IAM action the lookup needs, where the client knows it (`rds:backup:list`). */
  permission?: string;
  /** Seconds the server asked us to wait (HTTP Retry-After). */
  retryAfterSeconds?: number;
  /** `scheme://host[:port]` the request went to (never a path, query or userinfo). */
  endpoint?: string;
}

/**
 * A failure reported by (or on the way to) a cloud API. The subclass computes the hint before it calls this
 * constructor, and `message` is a getter over the fields, so nothing is rewritten after construction and the
 * constructor calls nothing a subclass overrides. A detail or hint that speaks of credentials is `Worded` for
 * both audiences; the lookup's context chooses (`setAudience`, called where the error passes a context:
 * retriedCall.ts and `runLookup`).
 */
export abstract class CloudApiError extends BackupLookupError {
  readonly cloud: "alibaba" | "huawei";
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly kind: FailureKind;
  readonly action: string;
  readonly retryAfterSeconds?: number;
  readonly endpoint?: string;
  /** Attempts made before giving up; set by the retry loop. */
  attempts = 1;
  /** Who reads the message (default `pulumi`). */
  audience: Audience = "pulumi";
  private readonly details: { detail: Worded; hint: Worded };
  /** The cloud's own message (or ours for a transport failure), redacted, as the audience reads it. */
  get detail(): string {
    return wordedFor(this.details.detail, this.audience);
  }
  /** What to do about it, as the audience reads it; may be empty. */
  get hint(): string {
    return wordedFor(this.details.hint, this.audience);
  }
  constructor(cloud: "alibaba" | "huawei", details: CloudErrorDetails, detail: Worded, hint: Worded) {
    super(undefined, 1);
    this.cloud = cloud;
    this.code = details.code;
    this.requestId = details.requestId;
    this.httpStatus = details.httpStatus;
    this.kind = details.kind;
    this.action = details.action;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.endpoint = details.endpoint;
    this.details = { detail: mapWorded(detail, redact), hint };
  }
  /** Words the message for `audience` (the lookup context's). */
  setAudience(audience: Audience): void {
    this.audience = audience;
  }
  get retryable(): boolean {
    return isRetryableKind(this.kind);
  }
  /**
   * `<action> failed: <code> (HTTP n) - <detail> [request id r] after n attempts. <hint>`, redacted. The cloud's
   * fields (code, detail, request id, and the hint, which may quote the code) are shown `visible`; the fields
   * themselves keep the exact values.
   */
  override get message(): string {
    const show = (cloudText: string) => visible(redact(cloudText));
    const parts = [`${this.action} failed: ${show(this.code)}`];
    if (this.httpStatus) parts.push(`(HTTP ${this.httpStatus})`);
    parts.push(`- ${show(this.detail)}`);
    let text = parts.join(" ");
    if (this.requestId) text += ` [request id ${show(this.requestId)}]`;
    if (this.attempts > 1) text += ` after ${this.attempts} attempts`;
    if (this.hint) text += `. ${show(this.hint)}`;
    return redact(text);
  }
  /** Records how many attempts were made (the message reads it). */
  setAttempts(n: number): void {
    this.attempts = n;
  }
}

/** The answers of the API contradict each other (paging that does not advance, totals that disagree). */
export class InconsistentResponseError extends BackupLookupError {
  constructor(message: string) {
    super(message, 1);
  }
}
