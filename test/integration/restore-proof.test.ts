import { reconcileRun, restoreExecuteAdapter } from "@atlas/core";
import type { OperationRun } from "@atlas/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, seed } from "../kit/index.ts";

let t: TestDatabase;
let fixture: Awaited<ReturnType<ReturnType<typeof seed>["done"]>>;
let backupSetId: string;
const backupItemIds: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  fixture = await seed(t.db).workspace("acme").environment("Contoso").environment("Northwind").member("op@acme.test", "manager").done();
  const environmentId = fixture.environments.Contoso!.id;
  const set = await t.db.backupSet.create({
    data: { workspaceId: fixture.workspaceId, managedEnvironmentId: environmentId, name: "s", trigger: "manual", status: "completed" },
  });
  backupSetId = set.id;
  for (const name of ["a", "b", "c"]) {
    const version = await t.db.policyVersion.create({
      data: {
        workspaceId: fixture.workspaceId,
        managedEnvironmentId: environmentId,
        objectType: "deviceConfigurations",
        providerId: name,
        displayName: name,
        rawPayload: {},
        normalizedPayload: {},
        contentHash: `hash-${name}`,
        payloadBytes: 2,
      },
    });
    const item = await t.db.backupItem.create({
      data: {
        backupSetId: set.id,
        workspaceId: fixture.workspaceId,
        managedEnvironmentId: environmentId,
        objectType: "deviceConfigurations",
        providerId: name,
        displayName: name,
        policyVersionId: version.id,
      },
    });
    backupItemIds.push(item.id);
  }
});
afterAll(() => t.drop());

interface Scenario {
  dryRun?: boolean;
  status?: "completed" | "partial" | "failed" | "running";
  outcomes?: string[];
  errorCodes?: (string | null)[];
  /** false: none; "looked_up": only the id the product found itself, no answer to a write. */
  acceptance?: boolean | "looked_up";
  verification?: "none" | "complete" | "incomplete" | "mismatch";
  audit?: boolean;
  /** Who the audit event names: the confirming user (default) or a placeholder. */
  auditActor?: "confirmer" | "placeholder";
  deleted?: boolean;
  otherEnvironment?: boolean;
}

/** Builds a finished restore.execute run with exactly the evidence the scenario names. */
async function scenario(options: Scenario): Promise<OperationRun> {
  const target = fixture.environments.Northwind!.id;
  const run = await t.db.operationRun.create({
    data: {
      workspaceId: fixture.workspaceId,
      managedEnvironmentId: target,
      type: "restore.execute",
      targetKey: crypto.randomUUID(),
      status: "running",
      context: {},
    },
  });
  const restore = await t.db.restoreRun.create({
    data: {
      workspaceId: fixture.workspaceId,
      managedEnvironmentId: options.otherEnvironment ? fixture.environments.Contoso!.id : target,
      sourceBackupSetId: backupSetId,
      targetLabel: "Northwind",
      dryRun: options.dryRun ?? false,
      status: options.status ?? "completed",
      operationRunId: run.id,
      confirmedByUserId: confirmer(),
      deletedAt: options.deleted ? new Date() : null,
    },
  });
  const outcomes = options.outcomes ?? ["applied", "applied", "applied"];
  const items = [];
  for (const [index, outcome] of outcomes.entries()) {
    items.push(
      await t.db.restoreItem.create({
        data: {
          restoreRunId: restore.id,
          backupItemId: backupItemIds[index]!,
          objectType: "deviceConfigurations",
          displayName: `item ${index}`,
          ordinal: index,
          outcome,
          errorCode: options.errorCodes?.[index] ?? null,
          targetProviderId: `target-${index}`,
          providerAcceptance:
            outcome !== "applied" || options.acceptance === false
              ? undefined
              : options.acceptance === "looked_up"
                ? { id: `target-${index}` }
                : { id: `target-${index}`, version: 1, source: "update", status: 200 },
        },
      }),
    );
  }
  const verification = options.verification ?? "complete";
  let finalVerificationSnapshotId: string | undefined;
  if (verification !== "none") {
    const verified = items
      .filter((item) => item.outcome === "applied")
      .slice(0, verification === "incomplete" ? 1 : undefined)
      .map((item, index) => ({
        restoreItemId: item.id,
        targetProviderId: item.targetProviderId,
        expectedHash: "h",
        actualHash: verification === "mismatch" && index === 0 ? "other" : "h",
        match: !(verification === "mismatch" && index === 0),
      }));
    const snapshot = await t.db.evidenceSnapshot.create({
      data: {
        workspaceId: fixture.workspaceId,
        managedEnvironmentId: target,
        operationRunId: run.id,
        restoreRunId: restore.id,
        kind: "restore_verification",
        status: "captured",
        completenessState: verification === "incomplete" ? "incomplete" : "complete",
        items: verified,
      },
    });
    finalVerificationSnapshotId = snapshot.id;
  }
  if (options.audit !== false) {
    await t.db.auditEvent.create({
      data: {
        workspaceId: fixture.workspaceId,
        ...(options.auditActor === "placeholder"
          ? { actorType: "system", actorId: "restore" }
          : { actorType: "user", actorId: confirmer() }),
        action: "restore_run.executed",
        targetType: "restore_run",
        targetId: restore.id,
        outcome: "success",
      },
    });
  }
  return t.db.operationRun.update({
    where: { id: run.id },
    data: { context: { restoreRunId: restore.id, executionFinishedAt: new Date().toISOString(), finalVerificationSnapshotId } },
  });
}

function confirmer(): string {
  const actor = fixture.actors["op@acme.test"]!;
  if (actor.kind !== "user") throw new Error("the fixture's member is a user");
  return actor.userId;
}

const verdict = async (options: Scenario) => restoreExecuteAdapter.reconcile(t.db, await scenario(options));
const codes = (result: { proofGaps: { code: string }[] }) => result.proofGaps.map((gap) => gap.code);

describe("restore.execute proof bundle", () => {
  it("proves SUCCEEDED only when every requirement holds", async () => {
    const result = await verdict({});
    expect([result.decision, result.outcome, codes(result)]).toEqual(["reconciled", "succeeded", []]);
  });

  it.each([
    ["dry run only", { dryRun: true }, "reconciled", "blocked", ["DRY_RUN_ONLY"]],
    ["deleted restore run", { deleted: true }, "reconciled", "failed", ["RESTORE_RUN_MISSING"]],
    ["wrong scope", { otherEnvironment: true }, "reconciled", "failed", ["SCOPE_MISMATCH"]],
    ["not terminal", { status: "running" as const }, "not_reconciled", undefined, ["NOT_TERMINAL"]],
    [
      "mixed results",
      { status: "partial" as const, outcomes: ["applied", "partial", "failed"] },
      "reconciled",
      "partially_succeeded",
      ["NOT_TERMINAL", "ITEMS_NOT_ALL_APPLIED"],
    ],
    [
      "nothing applied",
      { status: "failed" as const, outcomes: ["failed", "failed", "failed"], verification: "none" as const },
      "reconciled",
      "failed",
      ["NOT_TERMINAL", "ITEMS_NOT_ALL_APPLIED", "VERIFICATION_MISSING"],
    ],
    ["provider acceptance missing", { acceptance: false }, "reconciled", "partially_succeeded", ["PROVIDER_ACCEPTANCE_MISSING"]],
    ["verification missing", { verification: "none" as const }, "not_reconciled", undefined, ["VERIFICATION_MISSING"]],
    ["verification incomplete", { verification: "incomplete" as const }, "not_reconciled", undefined, ["VERIFICATION_INCOMPLETE"]],
    ["verification mismatch", { verification: "mismatch" as const }, "reconciled", "partially_succeeded", ["VERIFICATION_MISMATCH"]],
    ["audit missing", { audit: false }, "not_reconciled", undefined, ["AUDIT_MISSING"]],
    [
      "audit names a placeholder actor",
      { auditActor: "placeholder" as const },
      "reconciled",
      "partially_succeeded",
      ["AUDIT_ACTOR_MISSING"],
    ],
  ])("%s", async (_name, options, decision, outcome, gaps) => {
    const result = await verdict(options as Scenario);
    expect(result.decision).toBe(decision);
    expect(result.outcome).toBe(outcome);
    expect(codes(result)).toEqual(gaps);
  });

  it("names TARGET_COLLISION when an item was not written because another item of the run holds its target", async () => {
    const result = await verdict({
      status: "partial",
      outcomes: ["applied", "applied", "failed"],
      errorCodes: [null, null, "TARGET_COLLISION"],
    });
    expect([result.outcome, codes(result)]).toEqual(["partially_succeeded", ["NOT_TERMINAL", "ITEMS_NOT_ALL_APPLIED", "TARGET_COLLISION"]]);
  });

  it("does not take an id the product looked up itself as provider acceptance", async () => {
    const result = await verdict({ acceptance: "looked_up" });
    expect(result.outcome).not.toBe("succeeded");
    expect(codes(result)).toContain("PROVIDER_ACCEPTANCE_MISSING");
  });

  it("never proves a run in which every item was not applicable (nothing written)", async () => {
    const result = await verdict({
      status: "failed",
      outcomes: ["skipped", "skipped", "skipped"],
      errorCodes: ["NOT_APPLICABLE", "NOT_APPLICABLE", "NOT_APPLICABLE"],
    });
    expect([result.decision, result.outcome]).toEqual(["reconciled", "failed"]);
    expect(codes(result)).toContain("ITEMS_NOT_ALL_APPLIED");
  });

  it("judges by the snapshot the run's own final verification wrote, not by a newer one, and names it", async () => {
    const run = await scenario({ verification: "mismatch" });
    const context = run.context as { restoreRunId: string; finalVerificationSnapshotId: string };
    const finalSnapshot = context.finalVerificationSnapshotId;
    const items = await t.db.restoreItem.findMany({ where: { restoreRunId: context.restoreRunId } });
    // A later, clean-looking snapshot of the same run (e.g. an early read-back written after it).
    await t.db.evidenceSnapshot.create({
      data: {
        workspaceId: fixture.workspaceId,
        managedEnvironmentId: run.managedEnvironmentId!,
        operationRunId: run.id,
        restoreRunId: context.restoreRunId,
        kind: "restore_verification",
        status: "captured",
        completenessState: "complete",
        createdAt: new Date(Date.now() + 60_000),
        items: items.map((item) => ({
          restoreItemId: item.id,
          targetProviderId: item.targetProviderId,
          expectedHash: "h",
          actualHash: "h",
          match: true,
        })),
      },
    });
    const result = await restoreExecuteAdapter.reconcile(t.db, run);
    expect([result.outcome, codes(result)]).toEqual(["partially_succeeded", ["VERIFICATION_MISMATCH"]]);
    expect(result.evidence).toContainEqual(expect.objectContaining({ kind: "final_verification_snapshot", id: finalSnapshot }));

    // Without a recorded final verification, several snapshots are ambiguity: fail closed.
    const { finalVerificationSnapshotId: _dropped, ...withoutMarker } = context;
    const unmarked = await t.db.operationRun.update({ where: { id: run.id }, data: { context: withoutMarker } });
    const ambiguous = await restoreExecuteAdapter.reconcile(t.db, unmarked);
    expect([ambiguous.decision, codes(ambiguous)]).toEqual(["not_reconciled", ["VERIFICATION_MISSING"]]);
  });

  it("fails missing proof closed as PARTIALLY_SUCCEEDED once the deadline passes", async () => {
    const run = await scenario({ audit: false });
    const first = await reconcileRun(t.db, run.id, { proofDeadlineMs: 60_000 });
    expect(first.run.status).toBe("running");
    const later = await reconcileRun(t.db, run.id, { now: new Date(Date.now() + 120_000) });
    expect([later.run.status, later.run.outcome]).toEqual(["completed", "partially_succeeded"]);
  });
});

describe("restore run visibility", () => {
  it("hides a run from a member who can see its target but not its source environment", async () => {
    const { getVisibleRestoreRun, loadUserActor, createUser, NotFoundError } = await import("@atlas/core");
    const run = await scenario({});
    const restoreRunId = (run.context as { restoreRunId: string }).restoreRunId;
    const userId = await createUser(t.db, { email: "northwind-only@acme.test", displayName: "N", password: "test-password" });
    await t.db.membership.create({
      data: { userId, workspaceId: fixture.workspaceId, role: "manager", environmentIds: [fixture.environments.Northwind!.id] },
    });
    const restricted = (await loadUserActor(t.db, userId))!;
    await expect(getVisibleRestoreRun(t.db, restricted, restoreRunId)).rejects.toBeInstanceOf(NotFoundError);
    const full = fixture.actors["op@acme.test"]!;
    expect((await getVisibleRestoreRun(t.db, full, restoreRunId)).id).toBe(restoreRunId);
  });
});
