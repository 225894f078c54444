/**
 * Prints the foundation's performance figures (never asserted in tests: this machine is shared).
 *   pnpm bench
 * - start -> QUEUED visible: startInventorySync mutation over HTTP until it answers the committed QUEUED run (p50, p95)
 * - QUEUED -> RUNNING: created_at to started_at with a live worker (p50, p95)
 * - Fabrikam inventory sync wall time at the real Intune limits (time scale 1) next to the floor
 *   those limits allow for the number of requests it made.
 */
import { performance } from "node:perf_hooks";
import { createApiServer } from "@atlas/api";
import { SecretBox, loadUserActor, seedDemo, startBackup, startOperationRun } from "@atlas/core";
import { createDb, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { DEMO_TENANTS, startGraphSim } from "@atlas/graph-sim";
import { startWorker } from "@atlas/worker";
import { runMigrations } from "graphile-worker";
import pg from "pg";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

const server = await resolveDatabaseServer();
const name = `atlas_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = databaseUrl(server.url, name);
await migrateDatabase(url);
await runMigrations({ connectionString: url });
const db = createDb(url);
const box = SecretBox.fromKey(Buffer.alloc(32, 1).toString("base64"));
const sim = await startGraphSim({ port: 0, timeScale: 1 });
const demo = await seedDemo(db, box, { graphBaseUrl: sim.url, tenants: DEMO_TENANTS });
const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
const actor = (await loadUserActor(db, owner.id))!;
const workspaceId = demo.demo!.workspaceId;
const worker = await startWorker({ connectionString: url, box, heartbeatMs: 2000, log: () => {} });

try {
  // Start latency: one environment per start (all pointing at the small Northwind tenant) so no
  // start deduplicates.
  const starts: number[] = [];
  const environments = await Promise.all(
    Array.from({ length: 40 }, (_, index) =>
      db.managedEnvironment.create({
        data: {
          workspaceId,
          name: `bench-${index}`,
          providerTenantId: DEMO_TENANTS[2]!.tenantId,
          clientId: DEMO_TENANTS[2]!.clientId,
          clientSecretEncrypted: box.encrypt(DEMO_TENANTS[2]!.clientSecret),
          graphBaseUrl: sim.url,
        },
      }),
    ),
  );
  // Starts go through the real API (HTTP + GraphQL mutation) as an operator would; each waits for
  // the previous run to finish, so the pickup figure is an idle worker's.
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const api = await (await createApiServer({ db, databaseUrl: url, box, logger: silent })).start(0);
  const login = await fetch(`${api.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@demo.test", password: "demo-password" }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query, variables }),
    });
    return ((await response.json()) as { data: Record<string, any> }).data;
  };
  const listed = await graphql("{ viewer { memberships { workspace { environments(first: 100) { edges { node { id name } } } } } } }");
  const globalIds = new Map<string, string>(
    listed.viewer.memberships[0].workspace.environments.edges.map((edge: { node: { id: string; name: string } }) => [
      edge.node.name,
      edge.node.id,
    ]),
  );
  const pickups: number[] = [];
  for (const environment of environments) {
    const started = performance.now();
    const result = await graphql(
      "mutation($id: ID!) { startInventorySync(input: { environmentId: $id }) { ... on StartOperationPayload { run { id status } } } }",
      {
        id: globalIds.get(environment.name),
      },
    );
    if (result.startInventorySync.run.status !== "QUEUED") throw new Error("expected a QUEUED run");
    starts.push(performance.now() - started);
    const runId = (await db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: environment.id } })).id;
    let current = await db.operationRun.findUniqueOrThrow({ where: { id: runId } });
    while (current.status !== "completed") {
      await new Promise((resolve) => setTimeout(resolve, 25));
      current = await db.operationRun.findUniqueOrThrow({ where: { id: runId } });
    }
    pickups.push((current.startedAt?.getTime() ?? Number.NaN) - current.createdAt.getTime());
  }
  await api.close();
  console.log(`start -> QUEUED visible (n=${starts.length}): p50 ${ms(percentile(starts, 50))}, p95 ${ms(percentile(starts, 95))}`);
  console.log(
    `QUEUED -> RUNNING (n=${pickups.length}, worker concurrency 4): p50 ${ms(percentile(pickups, 50))}, p95 ${ms(percentile(pickups, 95))}`,
  );

  const fabrikam = DEMO_TENANTS.find((tenant) => tenant.name === "Fabrikam")!;
  sim.clearHistory();
  const began = performance.now();
  const { run } = await startOperationRun(db, actor, {
    workspaceId,
    environmentId: demo.demo!.environments.Fabrikam!,
    type: "inventory.sync",
    capability: "inventory.sync",
  });
  let finished = await db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
  while (finished.status !== "completed") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    finished = await db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
  }
  const wall = (performance.now() - began) / 1000;
  const history = sim
    .history({ tenantId: fabrikam.tenantId })
    .filter((entry) => entry.path !== "/v1.0/$batch" && entry.path !== "/beta/$batch");
  const requests = history.length;
  const throttled = history.filter((entry) => entry.status === 429).length;
  // Per app per tenant Intune allows 1000 requests per 20 s window.
  const floor = Math.floor(Math.max(0, requests - 1) / 1000) * 20;
  console.log(
    `Fabrikam inventory sync: outcome ${finished.outcome}, ${(finished.summaryCounts as Record<string, number>).total} objects, ` +
      `${requests} Graph requests (${throttled} answered 429), wall ${wall.toFixed(2)} s; rate-limit floor ${floor} s ` +
      `(1000 requests per 20 s per app; at that sustained rate ${requests} requests take ${((requests / 1000) * 20).toFixed(1)} s)`,
  );

  // Backups: a Fabrikam backup at the real limits, then a second one of the unchanged tenant.
  const backupOnce = async () => {
    sim.clearHistory();
    const startedAt = performance.now();
    const { run: backupRun } = await startBackup(db, actor, { environmentId: demo.demo!.environments.Fabrikam! });
    let current = await db.operationRun.findUniqueOrThrow({ where: { id: backupRun.id } });
    while (current.status !== "completed") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await db.operationRun.findUniqueOrThrow({ where: { id: backupRun.id } });
    }
    const seconds = (performance.now() - startedAt) / 1000;
    // Intune counts every request, each $batch item included; the envelope itself is not counted.
    const counted = sim.history({ tenantId: fabrikam.tenantId }).filter((entry) => !/\/\$batch$/.test(entry.path));
    return { run: current, seconds, requests: counted.length, throttled: counted.filter((entry) => entry.status === 429).length };
  };
  const bytes = async () => (await db.policyVersion.aggregate({ _sum: { payloadBytes: true } }))._sum.payloadBytes ?? 0;
  const tableBytes = async () =>
    Number(
      (
        await db.$queryRawUnsafe<{ size: bigint }[]>(
          "select pg_total_relation_size('policy_versions') + pg_total_relation_size('backup_items') as size",
        )
      )[0]!.size,
    );
  const first = await backupOnce();
  const [versionsAfterFirst, bytesAfterFirst, tableAfterFirst] = [await db.policyVersion.count(), await bytes(), await tableBytes()];
  const backupFloor = Math.floor(Math.max(0, first.requests - 1) / 1000) * 20;
  console.log(
    `Fabrikam backup: outcome ${first.run.outcome}, ${(first.run.summaryCounts as Record<string, number>).total} objects, ${first.requests} counted Graph requests ` +
      `(${first.throttled} answered 429), wall ${first.seconds.toFixed(2)} s; rate-limit floor ${backupFloor} s ` +
      `(at the sustained 1000 per 20 s: ${((first.requests / 1000) * 20).toFixed(1)} s)`,
  );
  const second = await backupOnce();
  console.log(
    `Second backup of the unchanged tenant: outcome ${second.run.outcome}, wall ${second.seconds.toFixed(2)} s, new policy versions ${(await db.policyVersion.count()) - versionsAfterFirst}, ` +
      `payload bytes added ${(await bytes()) - bytesAfterFirst}, table bytes added ${(await tableBytes()) - tableAfterFirst} (backup items only; first backup stored ${bytesAfterFirst} payload bytes)`,
  );
} finally {
  await worker.stop();
  await sim.close();
  await db.$disconnect();
  await admin.query(`drop database "${name}" with (force)`);
  await admin.end();
  await server.stop();
}
