/**
 * `--list` (and `list: true` in-process) wants every candidate, not just the newest, so the searches that
 * otherwise stop after "probe, then target" read every page: the list equals a brute-force listing of the
 * emulator's data, for each windowed lookup.
 */
import { dcsBackups, kvstoreBackups, rdsBackups, startEmulator, type Emulator } from "./emulator";
import { DCS_SET, KVSTORE_SET, PROJECT_ID, RDS_SET, bruteForceRds, kvstoreJobs, lookup, lookupContext, realNow, requestsFor } from "./support/lookupEnv";

let emu: Emulator;
const now = realNow();
beforeAll(async () => {
  emu = await startEmulator({ seed: 11 });
});
afterAll(() => emu.close());

test("alicloud.rds.BackupSet list over 730 daily backups: every usable set, newest first, from all 8 pages", async () => {
  const ID = "rm-bp1listing0001";
  const backups = rdsBackups({ instanceId: ID, count: 730, now, seed: 3, failedEvery: 9, unavailableEvery: 13 });
  emu.data.addRdsInstance(ID, backups);
  const usable = backups
    .filter((b) => b.BackupStatus === "Success" && b.IsAvail === 1)
    .sort((a, b) => Date.parse(b.BackupEndTime) - Date.parse(a.BackupEndTime));
  const result = await lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: ID }, lookupContext({ now }), true);
  expect(result.list!.map((o) => o.backupId)).toEqual(usable.map((b) => b.BackupId));
  expect(result.outputs.backupId).toBe(bruteForceRds(backups)!.BackupId);
  expect(requestsFor(emu, ID).map((r) => r.params.PageNumber)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
});

test("alicloud.kvstore.BackupSet list: every complete successful job of a 4-shard cluster within the search limit", async () => {
  const ID = "r-bp1listing0001";
  const shards = kvstoreBackups({ instanceId: ID, shards: 4, jobs: 200, now, seed: 4, failedEvery: 7 });
  emu.data.addKvstoreInstance(ID, shards);
  const good = kvstoreJobs(shards)
    .filter((js) => js.length === 4 && js.every((s) => s.BackupStatus === "Success"))
    .sort((a, b) => Math.max(...b.map((s) => Date.parse(s.BackupEndTime))) - Math.max(...a.map((s) => Date.parse(s.BackupEndTime))))
    .map((js) => String(js[0].BackupJobID));
  const result = await lookup(KVSTORE_SET, { endpoint: emu.url, instanceId: ID }, lookupContext({ now }), true);
  expect(result.list!.map((o) => o.backupJobId)).toEqual(good);
  expect(requestsFor(emu, ID).map((r) => r.params.PageNumber)).toEqual(["1", "2", "3"]);
});

test("huaweicloud.dcs.BackupSet list over 2,100 records: every restorable record, from all 3 pages", async () => {
  const ID = "5560df16-cebf-4473-95c4-d1b573c1a157";
  const records = dcsBackups({ instanceId: ID, count: 2100, now, seed: 5, failedEvery: 9, notRestorableEvery: 11 });
  emu.data.addDcsInstance(PROJECT_ID, ID, records);
  const usable = records
    .filter((r) => r.status === "succeed" && r.is_support_restore === "TRUE")
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
  const result = await lookup(DCS_SET, { endpoint: emu.url, instanceId: ID }, lookupContext({ now }), true);
  expect(result.list!.map((o) => o.backupId)).toEqual(usable.map((r) => r.backup_id));
  expect(requestsFor(emu, ID).map((r) => r.params.offset)).toEqual(["0", "1000", "2000"]);
});
