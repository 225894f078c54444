/**
 * A baseline deployed live to many tenants at the documented Intune limits (time-scaled):
 *   pnpm bench:deploy [timeScale, default 0.1] [tenants, default 20] [worker processes, default 2]
 * Imports the settings catalog files of the OpenIntuneBaseline sample (~60 policies), requests a
 * live deployment to empty simulated tenants, has a second owner approve it, and prints the wall time
 * from the approval until every tenant's restore is proven next to one tenant's write floor (the
 * simulator's per-app write limit). Tenants run in parallel, so the goal is near one tenant's floor,
 * not the sum of all of them. Workers run as their own OS processes (each with a concurrency of
 * tenants / processes), so they do not share this process's event loop with the simulator. A
 * figure, never asserted: this machine is shared.
 */
import { performance } from "node:perf_hooks";
import {
  SYSTEM_ACTOR,
  approveBaselineDeployment,
  createUser,
  deploymentView,
  importBaseline,
  loadUserActor,
  requestBaselineDeployment,
  upsertEnvironment,
} from "@atlas/core";
import { INTUNE_LIMITS, WINDOW_SECONDS, buildTenantSeed, startGraphSim } from "@atlas/graph-sim";
import { spawnWorker, stopProcess } from "@atlas/cli/processes";
import { runMigrations } from "graphile-worker";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { openBenchDatabase, waitForRunEnd } from "./bench-database.ts";

const timeScale = Number(process.argv[2] ?? 0.1);
const TENANTS = Number(process.argv[3] ?? 20);
const PROCESSES = Number(process.argv[4] ?? 2);
const CONCURRENCY = Math.ceil(TENANTS / PROCESSES);
const WINDOW_S = WINDOW_SECONDS * timeScale;

// Credentials of the demo environments point nowhere; only the customers below reach the simulator.
const { url, secretKey, db, box, demo, close } = await openBenchDatabase("atlas_deploy_bench");
await runMigrations({ connectionString: url });
const tenants = Array.from({ length: TENANTS }, (_, index) => {
  const hex = (index + 1).toString(16).padStart(4, "0");
  return buildTenantSeed({
    name: `Customer ${index + 1}`,
    tenantId: `de91${hex}-0000-4000-8000-000000000001`,
    clientId: `de91${hex}-0000-4000-8000-000000000002`,
    clientSecret: `sim-secret-customer-${index + 1}`,
    counts: { roleScopeTags: 1 },
  });
});
const sim = await startGraphSim({ port: 0, timeScale, tenants });
const workspaceId = demo.demo!.workspaceId;
const environmentIds: string[] = [];
for (const tenant of tenants) {
  const environment = await upsertEnvironment(db, box, SYSTEM_ACTOR, {
    workspaceId,
    name: tenant.name,
    providerTenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    graphBaseUrl: sim.url,
  });
  environmentIds.push(environment.id);
}
const owner = (await loadUserActor(db, (await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } })).id))!;
const approverId = await createUser(db, { email: "approver@demo.test", displayName: "Approver", password: "approver-bench" });
await db.membership.create({ data: { userId: approverId, workspaceId, role: "owner" } });
const approver = (await loadUserActor(db, approverId))!;
const workers = Array.from({ length: PROCESSES }, () =>
  spawnWorker(url, {
    quiet: true,
    timeScale,
    workerEnv: { ATLAS_SECRET_KEY: secretKey, ATLAS_WORKER_CONCURRENCY: String(CONCURRENCY), ATLAS_HEARTBEAT_MS: "2000" },
  }),
);

try {
  const files = jsonFilesBelow(openIntuneBaselineDir())
    .filter((file) => file.folder === "SettingsCatalog")
    .map((file) => ({ name: file.path, bytes: file.bytes }));
  const baseline = await importBaseline(db, owner, { workspaceId, name: "OpenIntuneBaseline settings catalog", files });
  const requestedAt = performance.now();
  const deployment = await requestBaselineDeployment(db, owner, { baselineId: baseline.id, environmentIds });
  const runs = await db.restoreRun.findMany({ where: { baselineDeploymentId: deployment.id } });
  for (const run of runs) await waitForRunEnd(db, run.previewOperationRunId!);
  const previewSeconds = (performance.now() - requestedAt) / 1000;
  sim.clearHistory();
  const began = performance.now();
  await approveBaselineDeployment(db, approver, { deploymentId: deployment.id });
  const approvalSeconds = (performance.now() - began) / 1000;
  const confirmed = await db.restoreRun.findMany({ where: { baselineDeploymentId: deployment.id } });
  const executions = [];
  for (const run of confirmed) executions.push(await waitForRunEnd(db, run.operationRunId!));
  const wall = (performance.now() - began) / 1000;
  // Whether tenants really ran side by side: each execution's own duration and its wait in the queue.
  const seconds = (from: Date | null, to: Date | null) => ((to?.getTime() ?? 0) - (from?.getTime() ?? 0)) / 1000;
  const durations = executions.map((run) => seconds(run.startedAt, run.completedAt)).sort((a, b) => a - b);
  const queued = Math.max(...executions.map((run) => seconds(run.createdAt, run.startedAt)));
  const view = await deploymentView(db, await db.baselineDeployment.findUniqueOrThrow({ where: { id: deployment.id } }));

  const perTenant = tenants.map((tenant) => {
    const history = sim.history({ tenantId: tenant.tenantId }).filter((entry) => !/\/\$batch$|\/oauth2\//.test(entry.path));
    return {
      writes: history.filter((entry) => entry.method !== "GET" && entry.status !== 429).length,
      reads: history.filter((entry) => entry.method === "GET" && entry.status !== 429).length,
      throttled: history.filter((entry) => entry.status === 429).length,
    };
  });
  const writes = Math.max(...perTenant.map((tenant) => tenant.writes));
  const reads = Math.max(...perTenant.map((tenant) => tenant.reads));
  // One tenant's writes at the per-app write rate (100 per window): the pace no client can beat.
  const writeFloor = (writes / INTUNE_LIMITS.writesPerApp) * WINDOW_S;
  const outcomes: Record<string, number> = {};
  for (const target of view.targets) outcomes[target.outcome] = (outcomes[target.outcome] ?? 0) + 1;
  console.log(
    `Deployment of ${baseline.name} (${files.length} files) to ${TENANTS} tenants, ${PROCESSES} worker processes of concurrency ${CONCURRENCY} (time scale ${timeScale}: a 20 s Intune window lasts ${WINDOW_S.toFixed(1)} s)`,
  );
  console.log(`  previews of all tenants: ${previewSeconds.toFixed(2)} s (request to the last preview)`);
  console.log(`  state ${view.state}, proven ${view.proven}, tenants ${JSON.stringify(outcomes)}`);
  console.log(
    `  per tenant at most ${writes} writes and ${reads} reads accepted; ${perTenant.reduce((sum, tenant) => sum + tenant.throttled, 0)} answers 429 in all`,
  );
  console.log(
    `  approval call ${approvalSeconds.toFixed(2)} s; one tenant's execution median ${durations[Math.floor(durations.length / 2)]!.toFixed(2)} s, longest ${durations.at(-1)!.toFixed(2)} s; longest wait in the queue ${queued.toFixed(2)} s`,
  );
  console.log(
    `  wall ${wall.toFixed(2)} s (approval to every tenant proven); one tenant's write floor ${writeFloor.toFixed(2)} s; ${TENANTS} tenants one after another ${(writeFloor * TENANTS).toFixed(2)} s; ratio to one floor ${(wall / writeFloor).toFixed(2)}x`,
  );
} finally {
  for (const worker of workers) await stopProcess(worker);
  await sim.close();
  await close();
}
