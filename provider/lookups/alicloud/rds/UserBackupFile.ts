/**
 * `alicloud.rds.UserBackupFile`: the newest usable user backup file (uploaded to OSS and imported into RDS),
 * from RDS 2014-08-15 `ListUserBackupFiles` (docs/apis/rds-ListUserBackupFiles.md). Usable = `Status` "BackupSuccess". The API is
 * scoped by region (no instance), unpaged, and sends its times as unix milliseconds in strings.
 */
import { z } from "zod";
import type { UserBackupFileArgs, UserBackupFileResult } from "../../../types/alicloud/rds/UserBackupFile";
import { Candidate, LookupDefinition, Normalised } from "../../../core/engine";
import { idString, isoOrNull, listAt, num, str } from "../../../core/fields";
import { fromUnixMillis } from "../../../core/time";
import { alibabaClientFor } from "../../../clouds/alibaba/AlibabaRpcClient";
import { resolveAlibabaRegion } from "../../../clouds/alibaba/credentials";

const STATUSES = ["Importing", "Failed", "CheckSuccess", "BackupSuccess", "Deleted"] as const;

interface UserFile extends Candidate {
  raw: Record<string, unknown>;
  status: string | null;
  creation: Date;
  finish?: Date;
}

function normalise(raw: Record<string, unknown>): Normalised<UserFile> {
  const id = idString(raw.BackupId);
  if (!id) return { skip: `a user backup file without a BackupId` };
  const creation = fromUnixMillis(raw.CreationTime);
  if (!creation) return { skip: `user backup file ${id} has ${raw.CreationTime === undefined ? "no" : `an unparsable`} CreationTime` };
  const finish = fromUnixMillis(raw.FinishTime);
  return { record: { id, key: { end: finish?.getTime(), start: creation.getTime(), id }, raw, status: str(raw.Status), creation, finish } };
}

export const UserBackupFile = {
  name: "alicloud.rds.UserBackupFile",
  cloud: "alibaba",
  noun: "user backup file",
  timed: true,
  shape: {
    backupId: z.string().regex(/^b-[a-z0-9*]+$/, { error: (i) => `must be a user backup id such as "b-kwwvr7v8t7ofxxxx", got ${JSON.stringify(i.input)}` }).optional(),
    status: z.enum(STATUSES).default("BackupSuccess"),
    comment: z.string().min(1, { error: "must not be empty; leave it out to match any remark" }).optional(),
    ossUrl: z.string().url({ error: (i) => `must be the file's OSS URL, got ${JSON.stringify(i.input)}` }).optional(),
    tags: z
      .record(
        z.string().regex(/^[^:,]+$/, { error: "tag keys must be non-empty and contain no ':' or ','" }),
        z.string().regex(/^[^,]*$/, { error: "tag values must contain no ','" }),
      )
      .optional(),
    resourceGroupId: z.string().regex(/^rg-[a-z0-9]+$/, { error: (i) => `must be a resource group id such as "rg-acfmyxxxx", got ${JSON.stringify(i.input)}` }).optional(),
  },
  secretOutputs: [],
  outputNames: ["backupId", "status", "comment", "ossUrl", "ossBucket", "ossFilePath", "ossFileName", "ossFileSize", "restoreSize", "engine", "engineVersion", "creationTime", "finishTime", "modificationTime", "retention", "zoneId", "reason"],
  subject: (a, ctx) => `region ${resolveAlibabaRegion(a.region, ctx) ?? "(none)"}`,
  describeFilters: (a) =>
    [
      a.backupId && `backupId ${a.backupId}`,
      `status ${a.status}`,
      a.comment && `comment ~ ${JSON.stringify(a.comment)}`,
      a.ossUrl && `ossUrl ${a.ossUrl}`,
      a.tags && `tags ${Object.entries(a.tags).map(([k, v]) => `${k}:${v}`).join(",")}`,
      a.resourceGroupId && `resourceGroupId ${a.resourceGroupId}`,
    ].filter((x): x is string => !!x),

  pin: { subject: "region", chosen: ["backupId"], recheck: "backupId" },

  async find(args, env) {
    const client = alibabaClientFor("rds", args, env.ctx, this.name);
    const { body } = await client.call("ListUserBackupFiles", {
      BackupId: args.backupId,
      Comment: args.comment,
      OssUrl: args.ossUrl,
      Tags: args.tags && Object.keys(args.tags).length ? Object.entries(args.tags).map(([k, v]) => `${k}:${v}`).join(",") : undefined,
      ResourceGroupId: args.resourceGroupId,
    });
    return env.normalise(listAt(body, "Records"), normalise);
  },

  reject(r, a) {
    if (a.backupId && r.id !== a.backupId) return `is not ${a.backupId}`;
    if (r.status !== a.status) return `is ${r.status ?? "of unknown status"}`;
    // Case-insensitive, as the API's fuzzy match is: never stricter than the API.
    if (a.comment && !String(r.raw.Comment ?? "").toLowerCase().includes(a.comment.toLowerCase())) return `has a remark without ${JSON.stringify(a.comment)}`;
    if (a.ossUrl && r.raw.OssUrl !== a.ossUrl) return `is at another OSS URL`;
    // Only a successful import has a finish time; files in other states sort by their start.
    if (!r.finish && r.status === "BackupSuccess") return "has no FinishTime";
    return undefined;
  },

  outputs(r): UserBackupFileResult {
    const raw = r.raw;
    return {
      backupId: r.id,
      status: r.status ?? "",
      comment: str(raw.Comment),
      ossUrl: str(raw.OssUrl),
      ossBucket: str(raw.OssBucket),
      ossFilePath: str(raw.OssFilePath),
      ossFileName: str(raw.OssFileName),
      ossFileSize: num(raw.OssFileSize),
      restoreSize: num(raw.RestoreSize),
      engine: str(raw.Engine),
      engineVersion: str(raw.EngineVersion),
      creationTime: isoOrNull(r.creation),
      finishTime: isoOrNull(r.finish),
      modificationTime: isoOrNull(fromUnixMillis(raw.ModificationTime)),
      retention: num(raw.Retention),
      zoneId: str(raw.ZoneId),
      reason: str(raw.Reason),
    };
  },

  async exists(args, id, ctx) {
    const client = alibabaClientFor("rds", args, ctx, this.name);
    const { body } = await client.call("ListUserBackupFiles", { BackupId: id }, true);
    return listAt(body, "Records").some((r) => r.BackupId === id && r.Status !== "Deleted");
  },
} satisfies LookupDefinition<UserBackupFileArgs, UserFile>;
