/**
 * `huaweicloud.rds.BackupSet` end to end against the emulator's RDS v3 `ListBackups` (test/emulator/handlers/huaweiRds.ts):
 * exact outputs against an independent oracle (the generated history filtered and ordered here by hand), exact
 * request counts, every filter, both readings of the open questions, the refresh re-check, and bad inputs.
 */
import { backupExists } from "../provider/core/engine";
import { InvalidArgumentsError, NoBackupFoundError } from "../provider/core/errors";
import { lookupNamed } from "../provider/lookups";
import { huaweiRdsBackup, huaweiRdsBackups, huaweiRdsInstanceId, startEmulator, type Emulator } from "./emulator";
import type { HuaweiRdsBackup } from "./emulator/wireFormats";
import { DAY, HOUR, PROJECT_ID, failure, lookup, lookupContext, realNow } from "./support/lookupEnv";

const L = "huaweicloud.rds.BackupSet";
const MYSQL = huaweiRdsInstanceId("MySQL", 11);
const SQLSERVER = huaweiRdsInstanceId("SQLServer", 12);

let emu: Emulator;
const now = realNow();
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.data.clear();
  emu.resetRequests();
  emu.readings.huaweiRdsWindowField = "begin_time";
  emu.readings.huaweiRdsDefaultTypes = "all";
});

const iso = (t: string) => new Date(Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))).toISOString().replace(".000Z", "Z");
const ms = (t: string) => Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

/** The oracle: usable full backups (or of `type`), newest by end, then begin, then id. */
function newest(backups: HuaweiRdsBackup[], type?: string): HuaweiRdsBackup | undefined {
  return backups
    .filter((b) => b.status === "COMPLETED" && b.end_time !== "" && (type ? b.type === type : b.type === "auto" || b.type === "manual"))
    .sort((a, b) => ms(b.end_time) - ms(a.end_time) || ms(b.begin_time) - ms(a.begin_time) || (a.id < b.id ? 1 : -1))[0];
}

function expectedOutputs(b: HuaweiRdsBackup) {
  return {
    backupId: b.id,
    backupName: b.name,
    backupType: b.type,
    status: b.status,
    size: b.size,
    beginTime: iso(b.begin_time),
    endTime: iso(b.end_time),
    datastoreType: b.datastore.type,
    datastoreVersion: b.datastore.version,
    databases: (b.databases ?? []).map((d) => d.name),
    instanceId: b.instance_id,
  };
}

const args = (extra: Record<string, unknown> = {}) => ({ instanceId: MYSQL, endpoint: emu.url, ...extra });

describe(L, () => {
  it("chooses the newest completed full backup of a 60-day history with failures, manual, incremental and a running one: exact outputs, one request", async () => {
    const history = huaweiRdsBackups({
      instanceId: MYSQL,
      engine: "MySQL",
      days: 60,
      now,
      seed: 3,
      failedEvery: 5,
      manualEvery: 7,
      deletingEvery: 11,
      incrementalsPerDay: 2,
      buildingNow: true,
    });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, history);
    const result = await lookup(L, args(), lookupContext({ now }));
    const want = newest(history)!;
    expect(result.outputs).toEqual({
      ...args(),
      ...expectedOutputs(want),
      latestBackupId: want.id,
      backupExists: true,
      resolvedAt: now.toISOString().replace(".000Z", "Z"),
    });
    expect(emu.requests.map((r) => r.action)).toEqual(["huaweiRds.ListBackups"]);
  });

  it("--list: every usable full backup, newest first, the same first item as the lookup", async () => {
    const history = huaweiRdsBackups({ instanceId: MYSQL, engine: "MySQL", days: 20, now, seed: 4, failedEvery: 4, incrementalsPerDay: 1 });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, history);
    const result = await lookup(L, args(), lookupContext({ now }), true);
    const usable = history
      .filter((b) => b.status === "COMPLETED" && (b.type === "auto" || b.type === "manual"))
      .sort((a, b) => ms(b.end_time) - ms(a.end_time) || ms(b.begin_time) - ms(a.begin_time));
    expect(result.list!.map((o) => o.backupId)).toEqual(usable.map((b) => b.id));
    expect(result.outputs.backupId).toBe(usable[0].id);
  });

  it.each([["incremental"], ["fragment"], ["manual"]])("backupType %s is sent to the API and judged here", async (type) => {
    const history = huaweiRdsBackups({
      instanceId: SQLSERVER,
      engine: "SQLServer",
      days: 30,
      now,
      seed: 5,
      manualEvery: 3,
      fragmentEvery: 4,
      incrementalsPerDay: 3,
    });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, SQLSERVER, history);
    const result = await lookup(L, args({ instanceId: SQLSERVER, backupType: type }), lookupContext({ now }));
    expect(result.outputs.backupId).toBe(newest(history, type)!.id);
    expect(result.outputs.databases).toEqual(["orders", "users"]);
    expect([...new Set(emu.requests.map((r) => r.params.backup_type))]).toEqual([type]);
  });

  it("the default (full backups) holds whichever types the API lists without backup_type", async () => {
    const history = huaweiRdsBackups({ instanceId: MYSQL, engine: "MySQL", days: 10, now, seed: 6, incrementalsPerDay: 4 });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, history);
    const outcomes = [];
    for (const reading of ["all", "full"] as const) {
      emu.readings.huaweiRdsDefaultTypes = reading;
      outcomes.push((await lookup(L, args(), lookupContext({ now }))).outputs.backupId);
    }
    expect(outcomes).toEqual([newest(history)!.id, newest(history)!.id]);
  });

  it("the window on end_time (the other reading) finds the same backup", async () => {
    const history = huaweiRdsBackups({ instanceId: MYSQL, engine: "MySQL", days: 40, now, seed: 7, failedEvery: 3 });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, history);
    emu.readings.huaweiRdsWindowField = "end_time";
    expect((await lookup(L, args(), lookupContext({ now }))).outputs.backupId).toBe(newest(history)!.id);
  });

  it("name (exact) and backupId narrow the choice; backupId is sent as backup_id", async () => {
    const a = huaweiRdsBackup({
      id: "a".repeat(32) + "br01",
      name: "before-upgrade",
      instance_id: MYSQL,
      type: "manual",
      begin_time: isoOffset(now.getTime() - 3 * DAY),
    });
    const b = huaweiRdsBackup({ id: "b".repeat(32) + "br01", name: "nightly", instance_id: MYSQL, begin_time: isoOffset(now.getTime() - DAY) });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, [a, b]);
    expect((await lookup(L, args({ name: "before-upgrade" }), lookupContext({ now }))).outputs.backupId).toBe(a.id);
    emu.resetRequests();
    expect((await lookup(L, args({ backupId: a.id }), lookupContext({ now }))).outputs.backupId).toBe(a.id);
    expect(emu.requests.map((r) => r.params.backup_id)).toEqual([a.id]);
  });

  it("no usable backup: the no-candidate error names the instance, the filters and what was seen", async () => {
    const failed = huaweiRdsBackup({ id: "c".repeat(32) + "br01", instance_id: MYSQL, status: "FAILED", begin_time: isoOffset(now.getTime() - 2 * HOUR) });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, [failed]);
    const err = await failure(lookup(L, args(), lookupContext({ now })));
    expect(err).toBeInstanceOf(NoBackupFoundError);
    expect(err.message).toMatch(new RegExp(`^no backup of RDS instance ${MYSQL} matches \\(status COMPLETED, backupType auto or manual\\): `));
  });

  it("pulumi refresh re-checks the pinned backup by id: present, then DELETING (gone)", async () => {
    const b = huaweiRdsBackup({ id: "d".repeat(32) + "br01", instance_id: MYSQL, begin_time: isoOffset(now.getTime() - DAY) });
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, [b]);
    const def = lookupNamed(L)!;
    expect(await backupExists(def, args(), b.id, lookupContext({ now }))).toBe(true);
    emu.data.clear();
    emu.data.addHuaweiRdsInstance(PROJECT_ID, MYSQL, [{ ...b, status: "DELETING" }]);
    expect(await backupExists(def, args(), b.id, lookupContext({ now }))).toBe(false);
    expect(emu.requests.map((r) => r.params.backup_id)).toEqual([b.id, b.id]);
  });

  it.each([
    [
      { instanceId: "rm-uf6wjk5xxxxxxx" },
      "instanceId",
      'must be a Huawei Cloud RDS instance id (32 hex characters and "in01", "in03" or "in04", such as "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01"), got "rm-uf6wjk5xxxxxxx"',
    ],
    [{ instanceId: MYSQL, backupType: "full" }, "backupType", 'must be one of "auto", "manual", "fragment", "incremental", got "full"'],
    [{ instanceId: MYSQL, backupId: "42" }, "backupId", 'must be a Huawei Cloud RDS backup id (32 hex characters and "br01"), got "42"'],
    [{ instanceId: MYSQL, name: "" }, "name", "must not be empty; leave it out to match any name"],
  ])("bad input %j is refused before any request", async (input, argument, reason) => {
    const err = await failure<InvalidArgumentsError>(lookup(L, { ...input, endpoint: emu.url }, lookupContext({ now })));
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.issues).toEqual([{ argument, reason }]);
    expect(emu.requests).toEqual([]);
  });
});

/** `yyyy-MM-ddTHH:mm:ss+0800`, as the API writes times. */
function isoOffset(t: number): string {
  return new Date(t + 8 * HOUR).toISOString().slice(0, 19) + "+0800";
}
