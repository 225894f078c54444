/**
 * Restore throughput at the documented Intune limits (time-scaled):
 *   pnpm bench:restore [timeScale, default 0.1]
 * Backs up Fabrikam, restores every restorable object into an empty tenant, and prints the wall
 * time of the execution next to the floor the write limits allow, the 429 answers and the items
 * that failed because of throttling.
 */
import { performance } from "node:perf_hooks";
import {
  SecretBox,
  confirmRestoreRun,
  createRestoreRun,
  loadUserActor,
  seedDemo,
  setRestoreScope,
  startBackup,
  startRestorePreview,
  upsertEnvironment,
  SYSTEM_ACTOR,
} from "@atlas/core";
import { createDb, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { DEMO_TENANTS, buildTenantSeed, startGraphSim } from "@atlas/graph-sim";
import { startWorker } from "@atlas/worker";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import { waitForRunEnd } from "./bench-database.ts";

const timeScale = Number(process.argv[2] ?? 0.1);
const WRITES_PER_APP = 100;
const READS_PER_APP = 1000;
const WINDOW_S = 20 * timeScale;

const server = await resolveDatabaseServer();
const name = `atlas_restore_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = databaseUrl(server.url, name);
await migrateDatabase(url);
await runMigrations({ connectionString: url });
const db = createDb(url);
const box = SecretBox.fromKey(Buffer.alloc(32, 2).toString("base64"));
const empty = buildTenantSeed({
  name: "Empty",
  tenantId: "0e0e0e0e-0000-4000-8000-000000000001",
  clientId: "0e0e0e0e-0000-4000-8000-000000000002",
  clientSecret: "sim-secret-empty-tenant",
  counts: { roleScopeTags: 1 },
});
const sim = await startGraphSim({ port: 0, timeScale, tenants: [...DEMO_TENANTS, empty] });
const demo = await seedDemo(db, box, { graphBaseUrl: sim.url, tenants: DEMO_TENANTS });
const workspaceId = demo.demo!.workspaceId;
const target = await upsertEnvironment(db, box, SYSTEM_ACTOR, {
  workspaceId,
  name: "Empty",
  providerTenantId: empty.tenantId,
  clientId: empty.clientId,
  clientSecret: empty.clientSecret,
  graphBaseUrl: sim.url,
});
const owner = (await loadUserActor(db, (await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } })).id))!;
const worker = await startWorker({ connectionString: url, box, heartbeatMs: 2000, graph: { timeScale }, log: () => {} });

try {
  const backup = await waitForRunEnd(db, (await startBackup(db, owner, { environmentId: demo.demo!.environments.Fabrikam! })).run.id);
  const backupSetId = (backup.context as { backupSetId: string }).backupSetId;
  const restore = await createRestoreRun(db, owner, { backupSetId, environmentId: target.id, dryRun: false });
  const types = (await db.backupItem.findMany({ where: { backupSetId }, distinct: ["objectType"], select: { objectType: true } }))
    .map((row) => row.objectType)
    .filter((type) => type !== "intents");
  await setRestoreScope(db, owner, { restoreRunId: restore.id, objectTypes: types, mode: "with_assignments" });
  await waitForRunEnd(db, (await startRestorePreview(db, owner, { restoreRunId: restore.id })).start.run.id);
  sim.clearHistory();
  const began = performance.now();
  const { start } = await confirmRestoreRun(db, owner, { restoreRunId: restore.id, acknowledgeImpact: true, typedTargetName: "Empty" });
  const done = await waitForRunEnd(db, start.run.id);
  const wall = (performance.now() - began) / 1000;
  const history = sim.history({ tenantId: empty.tenantId }).filter((entry) => !/\/\$batch$/.test(entry.path));
  const writes = history.filter((entry) => entry.method !== "GET" && entry.status !== 429).length;
  const reads = history.filter((entry) => entry.method === "GET" && entry.status !== 429).length;
  const throttled = history.filter((entry) => entry.status === 429).length;
  // A sliding window lets the first window's worth through at once; every further window's worth waits a window.
  const floor =
    Math.max(Math.max(0, writes - WRITES_PER_APP) / WRITES_PER_APP, Math.max(0, writes + reads - READS_PER_APP) / READS_PER_APP) * WINDOW_S;
  const items = await db.restoreItem.findMany({ where: { restoreRunId: restore.id } });
  const failedByThrottling = items.filter(
    (item) => item.outcome === "failed" && /429|throttl/i.test(`${item.errorCode} ${item.errorMessage}`),
  ).length;
  const outcomes: Record<string, number> = {};
  for (const item of items) outcomes[item.outcome] = (outcomes[item.outcome] ?? 0) + 1;
  console.log(`Restore of Fabrikam into an empty tenant (time scale ${timeScale}: a 20 s Intune window lasts ${WINDOW_S.toFixed(1)} s)`);
  console.log(`  items ${items.length} ${JSON.stringify(outcomes)}, run outcome ${done.outcome}`);
  console.log(
    `  ${writes} writes and ${reads} reads accepted, ${throttled} answered 429, ${failedByThrottling} items failed because of throttling`,
  );
  console.log(
    `  wall ${wall.toFixed(2)} s; rate-limit floor ${floor.toFixed(2)} s; ratio ${(wall / floor).toFixed(2)}x (goal within 1.15x)`,
  );
} finally {
  await worker.stop();
  await sim.close();
  await db.$disconnect();
  await admin.query(`drop database "${name}" with (force)`);
  await admin.end();
  await server.stop();
}
