import { ValidationError, fireDueReviewSchedules, setReviewSchedule } from "@atlas/core";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, eventually, seed } from "../kit/index.ts";

/** The monthly review schedule of a workspace of 100 environments, fired and composed by a real worker. */
let t: TestDatabase;
let worker: RunningWorker;
let fixture: Awaited<ReturnType<ReturnType<typeof seed>["done"]>>;
const ENVIRONMENTS = 100;

beforeAll(async () => {
  t = await createTestDatabase();
  let builder = seed(t.db).workspace("bulk-msp");
  for (let index = 1; index <= ENVIRONMENTS; index++) builder = builder.environment(`Tenant ${String(index).padStart(3, "0")}`);
  fixture = await builder.member("owner@bulk.test", "owner").member("operator@bulk.test", "operator").done();
  worker = await startWorker({ connectionString: t.url, box: TEST_SECRET_BOX, heartbeatMs: 500, log: () => {} });
});
afterAll(async () => {
  await worker?.stop();
  await t?.drop();
});

describe("monthly review schedule", () => {
  it("refuses invalid values and operators, saving nothing", async () => {
    const owner = fixture.actors["owner@bulk.test"]!;
    const input = { workspaceId: fixture.workspaceId, enabled: true, dayOfMonth: 31, hourUtc: 24 };
    const refused = await setReviewSchedule(t.db, owner, input).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.map((error) => error.path[0])).toEqual(["dayOfMonth", "hourUtc"]);
    await expect(setReviewSchedule(t.db, fixture.actors["operator@bulk.test"]!, { ...input, dayOfMonth: 1, hourUtc: 6 })).rejects.toThrow(
      /workspace.manage/,
    );
    expect(await t.db.reviewSchedule.count()).toBe(0);
  });

  it("composes a review of every environment once when due, even with two ticks at once", async () => {
    const owner = fixture.actors["owner@bulk.test"]!;
    const saved = await setReviewSchedule(t.db, owner, { workspaceId: fixture.workspaceId, enabled: true, dayOfMonth: 1, hourUtc: 6 });
    expect(saved.nextRunAt?.getUTCDate()).toBe(1);
    expect(saved.nextRunAt?.getUTCHours()).toBe(6);
    await t.db.reviewSchedule.update({ where: { workspaceId: fixture.workspaceId }, data: { nextRunAt: new Date(Date.now() - 1000) } });
    const started = Date.now();
    const ticks = await Promise.all([fireDueReviewSchedules(t.db), fireDueReviewSchedules(t.db)]);
    const runIds = ticks.flat().flatMap((entry) => entry.runIds);
    expect(runIds).toHaveLength(ENVIRONMENTS);
    await eventually(
      async () => {
        const done = await t.db.operationRun.count({ where: { id: { in: runIds }, status: "completed" } });
        if (done < ENVIRONMENTS) throw new Error(`${done} of ${ENVIRONMENTS} compose runs completed`);
        return true;
      },
      { timeout: 120_000, interval: 250 },
    );
    console.log(`monthly review compose wall time, ${ENVIRONMENTS} environments (1 worker, concurrency 4): ${Date.now() - started} ms`);
    const runs = await t.db.operationRun.findMany({ where: { id: { in: runIds } } });
    expect(new Set(runs.map((run) => run.outcome))).toEqual(new Set(["succeeded"]));
    expect(await t.db.environmentReview.count({ where: { workspaceId: fixture.workspaceId, status: "ready" } })).toBe(ENVIRONMENTS);
    const schedule = await t.db.reviewSchedule.findUniqueOrThrow({ where: { workspaceId: fixture.workspaceId } });
    expect(schedule.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
  }, 180_000);
});
