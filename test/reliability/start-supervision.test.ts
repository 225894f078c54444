import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Db, createDb } from "@atlas/db";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import { rawIdOf, toGlobalId } from "../../apps/api/src/ids.ts";
import { type ApiClient, loginAs } from "../kit/api/harness.ts";
import { type AtlasProcess, embeddedPostmasterPid, startSupervisedAtlas, workerPidOfClaim } from "../kit/atlas-process.ts";
import { eventually } from "../kit/eventually.ts";
import { tenantId, waitForCompletion } from "../kit/index.ts";

// `atlas start` with the embedded PostgreSQL, as a user runs it; knobs shrink every wait: run
// heartbeats every 300 ms, stale after 1.5 s, a sweep every 500 ms, and 3 s before a restart so
// the outage is long enough to observe on /readyz.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-supervise-"));
let atlas: AtlasProcess;
let base: string;
let simUrl: string;
let db: Db;
let operator: ApiClient;

const START = `mutation($e: ID!) { startInventorySync(input: { environmentId: $e }) { ... on StartOperationPayload { run { id } } } }`;
const RUN = `query($id: ID!) { node(id: $id) { ... on OperationRun { status outcome } } }`;

async function readiness(): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; reason?: string } };
}

/** Waits until /readyz answers 503 and returns its body. */
function readinessOutage(what: string) {
  return eventually(
    async () => {
      const ready = await readiness();
      return ready.status === 503 ? ready.body : undefined;
    },
    { what, timeout: 15_000 },
  );
}

async function environmentId(name: string): Promise<string> {
  const environment = await db.managedEnvironment.findFirstOrThrow({ where: { name, workspace: { slug: "demo" } } });
  return environment.id;
}

async function startSyncThroughApi(environment: string): Promise<string> {
  const started = await operator.graphql(START, { e: toGlobalId("ManagedEnvironment", await environmentId(environment)) });
  const run = started.body.data?.startInventorySync?.run;
  if (!run) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  return run.id as string;
}

beforeAll(async () => {
  const started = await startSupervisedAtlas(dataDir);
  ({ atlas, base, simUrl } = started);
  db = createDb(started.databaseUrl);
  operator = await loginAs(base, "operator@demo.test");
});

afterAll(async () => {
  await atlas?.stop();
  await db?.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

function showOutputOnFailure() {
  onTestFailed(() => {
    console.error(`--- atlas start output (last 6000 characters) ---\n${atlas.output().slice(-6000)}`);
  });
}

it("restarts a SIGKILLed worker; /readyz reports the missing heartbeat meanwhile; the running sync resumes and ends truthfully", async () => {
  showOutputOnFailure();
  expect(await readiness()).toMatchObject({ status: 200, body: { ok: true } });
  const fabrikam = tenantId("Fabrikam");
  // Slow every provider answer so the kill lands mid-sync.
  await fetch(`${simUrl}/_sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ kind: "latency", tenantId: fabrikam, ms: 120, count: 100_000 }),
  });
  const runId = await startSyncThroughApi("Fabrikam");
  const rowId = rawIdOf(runId, "OperationRun")!;
  const workerPid = await eventually(
    async () => {
      const run = await db.operationRun.findUniqueOrThrow({ where: { id: rowId } });
      if (run.status === "completed") throw new Error("the sync finished before the kill");
      const rows = await db.inventoryItem.count({ where: { lastSeenRunId: rowId } });
      return run.status === "running" && rows > 0 ? workerPidOfClaim(atlas.output(), rowId) : undefined;
    },
    { what: "the sync to be running with rows stored", timeout: 60_000 },
  );
  process.kill(workerPid, "SIGKILL");
  await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });

  const outage = await readinessOutage("/readyz to report the missing worker");
  expect(outage).toMatchObject({ ok: false, reason: "worker_heartbeat_missing" });
  await atlas.waitForOutput("worker killed by SIGKILL; restarting in 3000 ms");
  await atlas.waitForOutput("worker restarted");

  const done = await waitForCompletion(db, rowId, 120_000);
  expect(done.outcome).toBe("succeeded");
  const events = await db.operationRunEvent.findMany({ where: { runId: rowId } });
  expect(events.some((event) => event.reasonCode === "worker_lost")).toBe(true);
  expect(events.some((event) => event.reasonCode === "resumed")).toBe(true);
  // Truthful: every provider object stored exactly once, and the run says so.
  const { total } = (await (await fetch(`${simUrl}/_sim/tenants/${fabrikam}/counts`)).json()) as { total: number };
  expect((done.summaryCounts as Record<string, number>).total).toBe(total);
  expect(await db.inventoryItem.count({ where: { lastSeenRunId: rowId } })).toBe(total);
  expect(await db.inventoryItem.count({ where: { managedEnvironmentId: await environmentId("Fabrikam") } })).toBe(total);
  await eventually(async () => (await readiness()).status === 200, {
    what: "/readyz to be ok again",
    timeout: 15_000,
  });
}, 240_000);

it("restarts a SIGKILLed embedded PostgreSQL; /readyz reports the outage; API and worker reconnect and a new sync completes", async () => {
  showOutputOnFailure();
  process.kill(embeddedPostmasterPid(dataDir), "SIGKILL");
  const outage = await readinessOutage("/readyz to report the database outage");
  expect(outage).toMatchObject({ ok: false, reason: "database_unavailable" });
  await atlas.waitForOutput("embedded PostgreSQL killed by SIGKILL; restarting");
  await eventually(async () => (await readiness()).status === 200, {
    what: "/readyz to be ok again",
    timeout: 90_000,
  });
  expect(atlas.output()).toContain("embedded PostgreSQL restarted");

  // The same session (stored in the database) still works; the worker picks the new run up.
  const runId = await startSyncThroughApi("Northwind");
  const final = await eventually(
    async () => {
      const read = await operator.graphql(RUN, { id: runId });
      const run = read.body.data?.node as { status: string; outcome: string } | undefined;
      return run?.status === "COMPLETED" ? run : undefined;
    },
    { what: "the new sync to complete", timeout: 90_000 },
  );
  expect(final.outcome).toBe("SUCCEEDED");
  expect(atlas.child.exitCode).toBeNull();
}, 240_000);
