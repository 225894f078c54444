import { ConflictError, confirmRestoreRun, setRestoreScope } from "@atlas/core";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../kit/index.ts";
import { backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// confirmRestoreRun executes exactly the scope its preview ran on: a compare-and-set on the scope
// version inside the transaction, so a concurrent setRestoreScope and a confirmation never both win.

const stack = useRestoreStack();
let backupSetId: string;

beforeAll(async () => {
  backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Contoso!);
});

/** A restore run previewed on a scope of scope tags, ready to confirm. */
async function previewedRun() {
  const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
    backupSetId,
    environmentId: stack.environments.Northwind!,
    objectTypes: ["roleScopeTags"],
    confirm: false,
  });
  expect(restoreRun.status).toBe("previewed");
  return restoreRun;
}

const confirm = (restoreRunId: string, scopeVersion?: number) =>
  confirmRestoreRun(stack.db, stack.owner, { restoreRunId, acknowledgeImpact: true, typedTargetName: "Northwind", scopeVersion });
const rescope = (restoreRunId: string) =>
  setRestoreScope(stack.db, stack.owner, { restoreRunId, objectTypes: ["assignmentFilters"], mode: "with_assignments" });
const executions = (restoreRunId: string) => stack.db.operationRun.count({ where: { type: "restore.execute", targetKey: restoreRunId } });

/** Waits (bounded) until `count` other sessions wait for a lock (the held row lock). */
async function lockWaiters(client: pg.Client, count: number): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await client.query(
        "select count(distinct pid)::int as n from pg_locks where not granted and pid <> pg_backend_pid()",
      );
      if (rows[0].n >= count) return true;
      const all = await client.query(
        "select state, wait_event_type, wait_event, left(query, 80) as q from pg_stat_activity where datname = current_database()",
      );
      throw new Error(`only ${rows[0].n} of ${count} sessions reached the lock ${JSON.stringify(all.rows)}`);
    },
    { timeout: 20_000, interval: 20 },
  );
}

/**
 * Both operations read the run before either writes: a third session holds the run's row lock
 * while `first` and then `second` queue on it, then lets them go in that order.
 */
async function interleave<A, B>(restoreRunId: string, first: () => Promise<A>, second: () => Promise<B>) {
  const holder = new pg.Client({ connectionString: stack.url });
  await holder.connect();
  try {
    await holder.query("begin");
    await holder.query("select id from restore_runs where id = $1 for update", [restoreRunId]);
    const a = first();
    await lockWaiters(holder, 1);
    const b = second();
    await lockWaiters(holder, 2);
    await holder.query("commit");
    return await Promise.allSettled([a, b]);
  } finally {
    await holder.end();
  }
}

describe("confirm is atomic with the scope", () => {
  it("refuses a confirmation for a scope version other than the previewed one", async () => {
    const run = await previewedRun();
    await rescope(run.id);
    await expect(confirm(run.id, run.scopeVersion)).rejects.toBeInstanceOf(ConflictError);
    expect(await executions(run.id)).toBe(0);
  });

  it("confirm first, scope change second: the confirmation wins, the scope change is a ConflictError", async () => {
    const run = await previewedRun();
    const [confirmed, rescoped] = await interleave(
      run.id,
      () => confirm(run.id, run.scopeVersion),
      () => rescope(run.id),
    );
    expect(confirmed.status).toBe("fulfilled");
    expect(rescoped.status === "rejected" && rescoped.reason).toBeInstanceOf(ConflictError);
    const after = await stack.db.restoreRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.operationRunId).not.toBeNull(); // confirmed (the worker may already run it)
    expect(after.scopeVersion).toBe(run.scopeVersion);
    const items = await stack.db.restoreItem.findMany({ where: { restoreRunId: run.id } });
    expect(new Set(items.map((item) => item.objectType))).toEqual(new Set(["roleScopeTags"]));
  });

  it("scope change first, confirm second: the scope change wins, the confirmation is a ConflictError and enqueues nothing", async () => {
    const run = await previewedRun();
    const [rescoped, confirmed] = await interleave(
      run.id,
      () => rescope(run.id),
      () => confirm(run.id, run.scopeVersion),
    );
    expect(rescoped.status).toBe("fulfilled");
    expect(confirmed.status === "rejected" && confirmed.reason).toBeInstanceOf(ConflictError);
    const after = await stack.db.restoreRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([after.status, after.operationRunId]).toEqual(["scoped", null]);
    expect(await executions(run.id)).toBe(0);
  });

  it("under real concurrency exactly one of the two wins and the other fails with a ConflictError", async () => {
    for (let round = 0; round < 3; round++) {
      const run = await previewedRun();
      const results = await Promise.allSettled([confirm(run.id, run.scopeVersion), rescope(run.id)]);
      const winners = results.filter((result) => result.status === "fulfilled");
      const losers = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
      expect(winners).toHaveLength(1);
      expect(losers.map((loser) => loser.reason)).toEqual([expect.any(ConflictError)]);
      const after = await stack.db.restoreRun.findUniqueOrThrow({ where: { id: run.id } });
      // Executed only if it is still the scope that was previewed.
      if (after.operationRunId) expect(after.scopeVersion).toBe(after.previewedScopeVersion);
      else expect(await executions(run.id)).toBe(0);
    }
  });
});
