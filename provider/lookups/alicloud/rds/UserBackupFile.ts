/**
 * `alicloud.rds.UserBackupFile`: the newest usable user backup file (uploaded to OSS and imported into RDS),
 * from RDS 2014-08-15 `ListUserBackupFiles` (docs/apis/rds-ListUserBackupFiles.md). Usable = `Status` "BackupSuccess". The API is
 * scoped by region (no instance), unpaged, and sends its times as unix milliseconds in strings.
 */
import { z } from "zod";
import { Candidate, Normalised, arg, declareLookup, out } from "../../../core/declaration";
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

export const UserBackupFile = declareLookup({
  kind: "single",
  name: "alicloud.rds.UserBackupFile",
  cloud: "alibaba",
  summary: "The newest usable user backup file (uploaded to OSS and imported into RDS) of a region (RDS `ListUserBackupFiles`).",
  noun: "user backup file",
  timed: true,
  times: { start: "creationTime", end: "finishTime" },
  args: {
    backupId: arg(
      z
        .string()
        .regex(/^b-[a-z0-9*]+$/, { error: (i) => `must be a user backup id such as "b-kwwvr7v8t7ofxxxx", got ${JSON.stringify(i.input)}` })
        .optional(),
      "Only this user backup (`b-...`).",
    ),
    status: arg(z.enum(STATUSES).default("BackupSuccess"), "Only files in this state."),
    comment: arg(
      z.string().min(1, { error: "must not be empty; leave it out to match any remark" }).optional(),
      "Fragment of the remark; the API matches it fuzzily.",
    ),
    ossUrl: arg(
      z
        .string()
        .url({ error: (i) => `must be the file's OSS URL, got ${JSON.stringify(i.input)}` })
        .optional(),
      "Only the file at this OSS URL.",
    ),
    tags: arg(
      z
        .record(
          z.string().regex(/^[^:,]+$/, { error: "tag keys must be non-empty and contain no ':' or ','" }),
          z.string().regex(/^[^,]*$/, { error: "tag values must contain no ','" }),
        )
        .optional(),
      "Only files carrying every one of these tags (sent as the API's `key:value` form).",
    ),
    resourceGroupId: arg(
      z
        .string()
        .regex(/^rg-[a-z0-9]+$/, { error: (i) => `must be a resource group id such as "rg-acfmyxxxx", got ${JSON.stringify(i.input)}` })
        .optional(),
      "Resource group id (`rg-...`).",
    ),
  },
  outputs: {
    backupId: out.string("The chosen user backup's id (`b-...`)."),
    status: out.oneOf(STATUSES, "`Importing`, `Failed`, `CheckSuccess`, `BackupSuccess` or `Deleted`."),
    comment: out.string("Remark.").orNull(),
    ossUrl: out.string("OSS URL of the file.").orNull(),
    ossBucket: out.string("OSS bucket.").orNull(),
    ossFilePath: out.string("Object path inside the bucket.").orNull(),
    ossFileName: out.string("File name in OSS.").orNull(),
    ossFileSize: out.number("Size of the file in OSS, KB (1024 bytes).").orNull(),
    restoreSize: out.number("Storage needed to restore it, GB.").orNull(),
    engine: out.string("Database engine (`mysql`).").orNull(),
    engineVersion: out.string("Engine version (`5.7`).").orNull(),
    creationTime: out.string("Import start, ISO-8601 UTC.").orNull(),
    finishTime: out.string("Successful import, ISO-8601 UTC.").orNull(),
    modificationTime: out.string("Import completed, ISO-8601 UTC.").orNull(),
    retention: out.number("Retention, days.").orNull(),
    zoneId: out.string("Zone of the user backup.").orNull(),
    reason: out.string("Why an import failed (`success` on a good one).").orNull(),
  },
  // Case-insensitive, as the API's fuzzy match is (see `reject`).
  filters: { comment: { contains: "comment" } },
  usable: {},
  subject: (a, ctx) => `region ${resolveAlibabaRegion(a.region, ctx) ?? "(none)"}`,
  describeFilters: (a) =>
    [
      a.backupId && `backupId ${a.backupId}`,
      `status ${a.status}`,
      a.comment && `comment ~ ${JSON.stringify(a.comment)}`,
      a.ossUrl && `ossUrl ${a.ossUrl}`,
      a.tags &&
        `tags ${Object.entries(a.tags)
          .map(([k, v]) => `${k}:${v}`)
          .join(",")}`,
      a.resourceGroupId && `resourceGroupId ${a.resourceGroupId}`,
    ].filter((x): x is string => !!x),

  pin: { subject: "region", chosen: ["backupId"], recheck: "backupId" },

  async fetch(args, ctx, { only, fresh }) {
    const client = alibabaClientFor("rds", args, ctx, this.name);
    const params = only
      ? { BackupId: only }
      : {
          BackupId: args.backupId,
          Comment: args.comment,
          OssUrl: args.ossUrl,
          Tags:
            args.tags && Object.keys(args.tags).length
              ? Object.entries(args.tags)
                  .map(([k, v]) => `${k}:${v}`)
                  .join(",")
              : undefined,
          ResourceGroupId: args.resourceGroupId,
        };
    const { body } = await client.call("ListUserBackupFiles", params, fresh);
    return listAt(body, "Records");
  },
  normalise,
  gone: (raw) => raw.Status === "Deleted",

  reject(r, a) {
    if (a.backupId && r.id !== a.backupId) return `is not ${a.backupId}`;
    if (r.status !== a.status) return `is ${r.status ?? "of unknown status"}`;
    // Case-insensitive, as the API's fuzzy match is: never stricter than the API.
    if (a.comment && !(str(r.raw.Comment) ?? "").toLowerCase().includes(a.comment.toLowerCase())) return `has a remark without ${JSON.stringify(a.comment)}`;
    if (a.ossUrl && r.raw.OssUrl !== a.ossUrl) return `is at another OSS URL`;
    // Only a successful import has a finish time; files in other states sort by their start.
    if (!r.finish && r.status === "BackupSuccess") return "has no FinishTime";
    return undefined;
  },

  values(r) {
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
});
