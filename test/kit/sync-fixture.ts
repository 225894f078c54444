import type { Db } from "@atlas/db";
import { type Actor, loadUserActor, seedDemo, startOperationRun } from "@atlas/core";
import { DEMO_TENANTS, type GraphSim } from "@atlas/graph-sim";
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
      if (run.status !== "completed") throw new Error(`run ${runId} still ${run.status} (progress ${run.progress}) after ${timeoutMs} ms`);
      return run;
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

export function tenantId(name: string): string {
  const tenant = DEMO_TENANTS.find((candidate) => candidate.name === name);
  if (!tenant) throw new Error(`no demo tenant ${name}`);
  return tenant.tenantId;
}

export const TEST_SECRET_KEY_BASE64 = Buffer.alloc(32, 7).toString("base64");
