import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Actor, loadUserActor } from "@atlas/core";
import { type Db, createDb } from "@atlas/db";
import { demoTenant } from "@atlas/graph-sim";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import { type AtlasProcess, embeddedPostmasterPid, startSupervisedAtlas } from "../kit/atlas-process.ts";
import { eventually } from "../kit/eventually.ts";
import { confirmRestore, previewedRestore, restoreRow, useFaultMatrix } from "../kit/fault-matrix.ts";
import { waitForCompletion } from "../kit/index.ts";
import { backupOf } from "../kit/restore-fixture.ts";

// Fault matrix, database outage: `atlas start` with its own embedded PostgreSQL (never the shared
// server), a restore running in its worker, and that PostgreSQL SIGKILLed mid-run. The supervisor
// restarts it after 3 s; the worker and the API reconnect by themselves, /readyz reports the outage
// while it lasts, and the run resumes or ends truthfully.

const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-matrix-db-"));
const matrix = useFaultMatrix("database");
const northwind = demoTenant("Northwind");
let atlas: AtlasProcess;
let base: string;
let simUrl: string;
let db: Db;
let owner: Actor;

const sim = (route: string, method: string, body?: unknown) =>
  fetch(`${simUrl}/_sim${route}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });

async function readiness(): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, reason: ((await response.json()) as { reason?: string }).reason };
}

beforeAll(async () => {
  const started = await startSupervisedAtlas(dataDir);
  ({ atlas, base, simUrl } = started);
  db = createDb(started.databaseUrl);
  const user = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  owner = (await loadUserActor(db, user.id)) as Actor;
}, 180_000);

afterAll(async () => {
  await atlas?.stop();
  await db?.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

it("PostgreSQL killed and restarted mid-restore: /readyz reports the outage, the run ends truthfully", async () => {
  onTestFailed(() => console.error(`--- atlas start output (last 6000 characters) ---\n${atlas.output().slice(-6000)}`));
  const environmentId = (await db.managedEnvironment.findFirstOrThrow({ where: { name: "Northwind", workspace: { slug: "demo" } } })).id;
  const backupSetId = await backupOf(db, owner, environmentId);
  const profile = northwind.objects.deviceConfigurations![0]!;
  await sim(`/tenants/${northwind.tenantId}/mutate`, "POST", {
    type: "deviceConfigurations",
    id: profile.id,
    patch: { description: "drifted" },
  });
  const restoreRun = await previewedRestore(db, owner, { backupSetId, environmentId });
  await sim("/faults", "POST", { kind: "latency", tenantId: northwind.tenantId, ms: 300, count: 100_000 });
  const runId = await confirmRestore(db, owner, restoreRun);
  await eventually(
    async () =>
      (await db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: { not: "pending" } } })) >= 2 ? true : undefined,
    { what: "two restore items written", timeout: 60_000 },
  );

  process.kill(embeddedPostmasterPid(dataDir), "SIGKILL");
  const outage = await eventually(
    async () => {
      const ready = await readiness();
      return ready.status === 503 ? ready : undefined;
    },
    { what: "/readyz to report the outage", timeout: 60_000 },
  );
  expect(outage.reason).toBe("database_unavailable");
  await sim("/faults", "DELETE");
  await atlas.waitForOutput("embedded PostgreSQL restarted", 90_000);
  await eventually(async () => (await readiness()).status === 200, {
    what: "/readyz to be ok again",
    timeout: 90_000,
  });

  const run = await waitForCompletion(db, runId, 150_000);
  const row = matrix.record(await restoreRow(db, simUrl, "PostgreSQL killed and restarted mid-run", run, restoreRun.id));
  // Truthful: proven only with every object equal (asserted by the matrix); never left running.
  expect(run.status).toBe("completed");
  expect(["succeeded", "partially_succeeded", "failed"]).toContain(row.outcome);
}, 360_000);
