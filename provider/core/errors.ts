/**
 * The error classes every layer throws. Each carries what a user needs to act: what failed, the cloud's code
 * and request id where there is one, whether a retry could help, and the CLI exit status it maps to
 * (CONTRACT.md: 2 invalid arguments, 3 no matching backup, 1 anything else). Messages pass through `redact`.
 */
import { redact } from "./redact";

export type ExitStatus = 1 | 2 | 3;

/** Base class: a failure of a lookup with a one-line, secret-free message. */
export class BackupLookupError extends Error {
  readonly exitStatus: ExitStatus;
  constructor(message: string, exitStatus: ExitStatus = 1) {
    super(redact(message));
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
}

/** Arguments were rejected before any API call (exit 2). */
export class InvalidArgumentsError extends BackupLookupError {
  readonly issues: ArgumentIssue[];
  constructor(lookup: string, issues: ArgumentIssue[]) {
    super(
      `invalid arguments for ${lookup}: ` +
        issues.map((i) => (i.argument ? `${i.argument}: ${i.reason}` : i.reason)).join("; "),
      2,
    );
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

/** How a cloud failure is classified, once per cloud (house style 4). */
export type FailureKind = "throttling" | "transient" | "server" | "network" | "timeout" | "auth" | "client" | "response";

/** Retry classification: throttling, transient, server, network, timeout and malformed responses may pass. */
export function isRetryableKind(kind: FailureKind): boolean {
  return kind !== "auth" && kind !== "client";
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
  /** Seconds the server asked us to wait (HTTP Retry-After). */
  retryAfterSeconds?: number;
}

/** A failure reported by (or on the way to) a cloud API. */
export abstract class CloudApiError extends BackupLookupError {
  abstract readonly cloud: "alibaba" | "huawei";
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly kind: FailureKind;
  readonly action: string;
  readonly retryAfterSeconds?: number;
  /** Attempts made before giving up; set by the retry loop. */
  attempts = 1;
  /** The cloud's own message, redacted. */
  readonly detail: string;
  constructor(details: CloudErrorDetails, detail: string) {
    super(detail, 1);
    this.code = details.code;
    this.requestId = details.requestId;
    this.httpStatus = details.httpStatus;
    this.kind = details.kind;
    this.action = details.action;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.detail = redact(detail);
    this.message = this.describe();
  }
  get retryable(): boolean {
    return isRetryableKind(this.kind);
  }
  /** Re-renders the message (after `attempts` changes). */
  describe(): string {
    const parts = [`${this.action} failed: ${this.code}`];
    if (this.httpStatus) parts.push(`(HTTP ${this.httpStatus})`);
    parts.push(`- ${this.detail}`);
    let text = parts.join(" ");
    if (this.requestId) text += ` [request id ${this.requestId}]`;
    if (this.attempts > 1) text += ` after ${this.attempts} attempts`;
    const hint = this.hint();
    if (hint) text += `. ${hint}`;
    return redact(text);
  }
  setAttempts(n: number): void {
    this.attempts = n;
    this.message = this.describe();
  }
  /** What to do about it. */
  protected abstract hint(): string;
}

/** The answers of the API contradict each other (paging that does not advance, totals that disagree). */
export class InconsistentResponseError extends BackupLookupError {
  constructor(message: string) {
    super(message, 1);
  }
}
