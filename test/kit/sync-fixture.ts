import type { Db } from "@atlas/db";
import { type Actor, loadUserActor, seedDemo, startOperationRun } from "@atlas/core";
import { DEMO_TENANTS, type GraphSim } from "@atlas/graph-sim";
import { jobKeyForRun } from "@atlas/jobs";
import { eventually } from "./eventually.ts";
import { TEST_SECRET_BOX } from "./seed.ts";

/** The demo data set against a running simulator, plus the operator's actor. */
export async function seedDemoAgainst(db: Db, sim: GraphSim) {
  const demo = await seedDemo(db, TEST_SECRET_BOX, { graphBaseUrl: sim.url, tenants: DEMO_TENANTS });
  const operator = await db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
  const actor = (await loadUserActor(db, operator.id)) as Actor;
  return { demo, operator: actor };
}

export async function startSync(db: Db, actor: Actor, workspaceId: string, environmentId: string) {
  return startOperationRun(db, actor, { workspaceId, environmentId, type: "inventory.sync", capability: "inventory.sync" });
}

/** Waits until the run completes; the failure message shows where it got stuck. */
export async function waitForCompletion(db: Db, runId: string, timeoutMs = 60_000) {
  return eventually(
    async () => {
      const run = await db.operationRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.status !== "completed")
        throw new Error(`run ${runId} still ${run.status} (progress ${run.progress}) after ${timeoutMs} ms; ${await whereItIs(db, runId)}`);
      return run;
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

/**
 * The run's job as graphile-worker holds it and the run's last history entries: a wait that times
 * out then says whether the job is retrying (attempts, last error, next run_at), locked by a
 * worker, or gone, and which step the run reached.
 */
async function whereItIs(db: Db, runId: string): Promise<string> {
  const jobs = await db.$queryRaw<
    Array<{ attempts: number; max_attempts: number; last_error: string | null; run_at: Date; locked_by: string | null }>
  >`
    select attempts, max_attempts, last_error, run_at, locked_by from graphile_worker.jobs where key = ${jobKeyForRun(runId)}`;
  const events = await db.operationRunEvent.findMany({ where: { runId }, orderBy: { id: "desc" }, take: 3 });
  const job = jobs[0]
    ? `job attempts ${jobs[0].attempts}/${jobs[0].max_attempts}, run_at ${jobs[0].run_at.toISOString()}, locked_by ${jobs[0].locked_by ?? "none"}, last error ${jobs[0].last_error?.slice(0, 300) ?? "none"}`
    : "no job";
  const history = events.map((event) => `${event.kind} ${event.toStatus ?? ""} ${event.reasonCode ?? ""}`.trim()).join(" <- ");
  return `${job}; latest events: ${history || "none"}`;
}

export function tenantId(name: string): string {
  const tenant = DEMO_TENANTS.find((candidate) => candidate.name === name);
  if (!tenant) throw new Error(`no demo tenant ${name}`);
  return tenant.tenantId;
}

export const TEST_SECRET_KEY_BASE64 = Buffer.alloc(32, 7).toString("base64");
