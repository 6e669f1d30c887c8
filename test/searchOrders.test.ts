/**
 * The window search end to end (provider/core/windowSearch.ts through the three paged lookups and the
 * emulator), property-style: seeded random histories of RDS `DescribeBackups`, KVStore `DescribeBackups` and
 * DCS `ListBackupRecords`, each served scrambled, newest first and oldest first (the emulator's order switch).
 * For every history: the answer equals a full scan's (every page of one window over the whole history, the
 * `since` path), the cost is exactly the same in the three orders, and within the bound of issue 15:
 * ceil(M / P) + 3 requests with M records newer than the winner (P the largest page size). Clusters include
 * jobs with a failed shard, a missing shard, scale-in and scale-out, and every history has records straddling
 * the first window's edges (daily backups at varying times of day).
 */
import { NoBackupFoundError } from "../provider/core/errors";
import { RECORD_ORDERS, dcsBackups, kvstoreBackups, rdsBackups, startEmulator, type Emulator, type KvstoreBackup } from "./emulator";
import { SeededRandom } from "./emulator/random";
import { DAY, DCS_SET, KVSTORE_SET, PROJECT_ID, RDS_SET, lookup, lookupContext, realNow } from "./support/lookupEnv";

let emu: Emulator;
let now: Date;
beforeAll(async () => {
  emu = await startEmulator({ seed: 5 });
  now = realNow();
});
afterAll(() => emu.close());

interface History {
  lookup: string;
  args: Record<string, unknown>;
  pageSize: number;
  /** Start times of every record, ms. */
  starts: number[];
}

/** Removes the shards `nodes` from the jobs `which` selects (by 0-based age, newest first). */
function dropShards(records: KvstoreBackup[], nodes: string[], which: (age: number) => boolean): KvstoreBackup[] {
  const jobs = [...new Set(records.map((r) => r.BackupJobID))].sort((a, b) => b - a);
  return records.filter((r) => !(nodes.includes(r.NodeInstanceId) && which(jobs.indexOf(r.BackupJobID))));
}

function history(kind: "rds" | "kvstore" | "dcs", trial: number, rng: SeededRandom): History {
  const age = rng.pick([undefined, 0, 1, 2, 3, 10, 45, 121]);
  if (kind === "rds") {
    const id = `rm-order${trial}`;
    const backups = rdsBackups({
      instanceId: id,
      count: rng.int(1, 900),
      now,
      seed: trial,
      failedEvery: rng.pick([undefined, 3, 9]),
      unavailableEvery: rng.pick([undefined, 5]),
      manualEvery: rng.pick([undefined, 4]),
      newestUsableAgeDays: age,
    });
    emu.data.addRdsInstance(id, backups);
    return { lookup: RDS_SET, args: { dbInstanceId: id }, pageSize: 100, starts: backups.map((b) => Date.parse(b.BackupStartTime)) };
  }
  if (kind === "kvstore") {
    const id = `r-order${trial}`;
    const shards = rng.pick([0, 2, 4, 6]);
    const jobs = rng.int(1, shards ? 250 : 700);
    let records = kvstoreBackups({
      instanceId: id,
      shards,
      jobs,
      now,
      seed: trial,
      failedEvery: rng.pick([undefined, 4, 7]),
      incompleteEvery: rng.pick([undefined, 5]),
      newestUsableAgeDays: age,
    });
    if (shards === 6) {
      const scaled = [`${id}-db-4`, `${id}-db-5`];
      const k = rng.int(1, 20);
      records = rng.chance(0.5) ? dropShards(records, scaled, (a) => a < k) : dropShards(records, scaled, (a) => a >= k);
    }
    emu.data.addKvstoreInstance(id, records);
    return { lookup: KVSTORE_SET, args: { instanceId: id }, pageSize: 300, starts: records.map((r) => Date.parse(r.BackupStartTime)) };
  }
  const id = `00000000-0000-4000-8000-${String(trial).padStart(12, "0")}`;
  const records = dcsBackups({
    instanceId: id,
    count: rng.int(1, 2500),
    now,
    seed: trial,
    failedEvery: rng.pick([undefined, 6]),
    notRestorableEvery: rng.pick([undefined, 13]),
    manualEvery: rng.pick([undefined, 5]),
    newestUsableAgeDays: age,
  });
  emu.data.addDcsInstance(PROJECT_ID, id, records);
  return { lookup: DCS_SET, args: { instanceId: id, projectId: PROJECT_ID }, pageSize: 1000, starts: records.map((r) => Date.parse(r.created_at)) };
}

async function outcome(h: History, extra: Record<string, unknown> = {}) {
  emu.resetRequests();
  try {
    const { outputs } = await lookup(h.lookup, { ...h.args, endpoint: emu.url, ...extra }, lookupContext({ now }));
    const { since: _since, resolvedAt: _at, ...rest } = outputs;
    return { outputs: rest as Record<string, unknown>, requests: emu.count() };
  } catch (err) {
    if (!(err instanceof NoBackupFoundError)) throw err;
    return { outputs: { none: true } as Record<string, unknown>, requests: emu.count() };
  }
}

describe.each(["rds", "kvstore", "dcs"] as const)("%s: random histories in three orders", (kind) => {
  test.each(Array.from({ length: 12 }, (_, i) => i + 1))("history %i: a full scan's answer, the same cost in every order, within the bound", async (trial) => {
    const rng = new SeededRandom(1000 * trial + kind.length);
    const h = history(kind, trial, rng);
    emu.setOrder("scrambled");
    const full = await outcome(h, { since: "800d" });
    const costs: number[] = [];
    for (const order of RECORD_ORDERS) {
      emu.setOrder(order);
      const got = await outcome(h);
      expect(got.outputs).toEqual(full.outputs);
      costs.push(got.requests);
    }
    emu.setOrder("scrambled");
    expect(new Set(costs).size).toBe(1);
    const P = h.pageSize;
    const N = h.starts.length;
    if (full.outputs.none) {
      // Nothing usable: the steps walk the whole history at 90% of a page each.
      expect(costs[0]).toBeLessThanOrEqual(Math.ceil(N / (0.9 * P)) + 2);
    } else {
      const winnerStart = Date.parse(String(full.outputs.backupStartTime ?? full.outputs.createdAt));
      const M = h.starts.filter((t) => t > winnerStart).length;
      expect(costs[0]).toBeLessThanOrEqual(Math.ceil(M / P) + 3);
      if (now.getTime() - Date.parse(String(full.outputs.backupEndTime ?? full.outputs.updatedAt)) < DAY - 3_600_000 && N <= P) expect(costs[0]).toBe(1);
    }
  });
});
