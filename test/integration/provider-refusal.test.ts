import { type Actor, confirmRestoreRun, loadUserActor, startBackup } from "@atlas/core";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, seedDemoAgainst, startSync, waitForCompletion } from "../kit/index.ts";
import { backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";

// A target that refuses the credentials or cannot be reached never yields a SUCCEEDED run: the
// preview, the execution, the sync and the backup end BLOCKED (refused) or FAILED (unreachable)
// with the one shared reason code.

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let owner: Actor;
let workspaceId: string;
let environments: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  const demo = (await seedDemoAgainst(t.db, sim)).demo.demo!;
  environments = demo.environments;
  workspaceId = demo.workspaceId;
  const user = await t.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  owner = (await loadUserActor(t.db, user.id))!;
  worker = await startWorker({
    connectionString: t.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale: 0.05 },
    log: () => {},
  });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
  await t?.drop();
});

/** Runs `body` while the environment's stored credential (or address) is broken, then mends it. */
async function withBrokenConnection<T>(
  environmentId: string,
  change: { clientSecret?: string; graphBaseUrl?: string },
  body: () => Promise<T>,
): Promise<T> {
  const before = await t.db.managedEnvironment.findUniqueOrThrow({ where: { id: environmentId } });
  await t.db.managedEnvironment.update({
    where: { id: environmentId },
    data: {
      ...(change.clientSecret ? { clientSecretEncrypted: TEST_SECRET_BOX.encrypt(change.clientSecret) } : {}),
      ...(change.graphBaseUrl ? { graphBaseUrl: change.graphBaseUrl } : {}),
    },
  });
  try {
    return await body();
  } finally {
    await t.db.managedEnvironment.update({
      where: { id: environmentId },
      data: { clientSecretEncrypted: before.clientSecretEncrypted, graphBaseUrl: before.graphBaseUrl },
    });
  }
}

const failureOf = (run: { failureReasonCode: string | null }) => run.failureReasonCode;

describe("refused or unreachable provider", () => {
  let backupSetId: string;
  beforeAll(async () => {
    backupSetId = await backupOf(t.db, owner, environments.Contoso!);
  });

  it("a preview against a target that refuses the credentials ends BLOCKED with a reason and a blocker", async () => {
    const { restoreRun, preview } = await withBrokenConnection(environments.Northwind!, { clientSecret: "revoked-secret" }, () =>
      restoreThroughWizard(t.db, owner, {
        backupSetId,
        environmentId: environments.Northwind!,
        objectTypes: ["roleScopeTags"],
        confirm: false,
      }),
    );
    expect([preview.outcome, failureOf(preview)]).toEqual(["blocked", "PROVIDER_CREDENTIALS_REFUSED"]);
    const checks = restoreRun.checks as { code: string; severity: string }[];
    expect(checks).toContainEqual(expect.objectContaining({ code: "PROVIDER_CREDENTIALS_REFUSED", severity: "blocker" }));
    expect(restoreRun.status).not.toBe("previewed");
  });

  it("a preview against an unreachable target ends FAILED with a reason code", async () => {
    const { preview } = await withBrokenConnection(environments.Northwind!, { graphBaseUrl: "http://127.0.0.1:9" }, () =>
      restoreThroughWizard(t.db, owner, {
        backupSetId,
        environmentId: environments.Northwind!,
        objectTypes: ["roleScopeTags"],
        confirm: false,
      }),
    );
    expect([preview.outcome, failureOf(preview)]).toEqual(["failed", "PROVIDER_UNREACHABLE"]);
  });

  it("restore.execute, inventory.sync and backup.capture end BLOCKED with PROVIDER_CREDENTIALS_REFUSED", async () => {
    const { restoreRun } = await restoreThroughWizard(t.db, owner, {
      backupSetId,
      environmentId: environments.Northwind!,
      objectTypes: ["roleScopeTags"],
      confirm: false,
    });
    const outcomes = await withBrokenConnection(environments.Northwind!, { clientSecret: "revoked-secret" }, async () => {
      const { start } = await confirmRestoreRun(t.db, owner, {
        restoreRunId: restoreRun.id,
        acknowledgeImpact: true,
        typedTargetName: "Northwind",
      });
      const sync = await startSync(t.db, owner, workspaceId, environments.Northwind!);
      const backup = await startBackup(t.db, owner, { environmentId: environments.Northwind! });
      return Promise.all([start.run.id, sync.run.id, backup.run.id].map((id) => waitForCompletion(t.db, id, 90_000)));
    });
    expect(outcomes.map((run) => [run.type, run.outcome, failureOf(run)])).toEqual([
      ["restore.execute", "blocked", "PROVIDER_CREDENTIALS_REFUSED"],
      ["inventory.sync", "blocked", "PROVIDER_CREDENTIALS_REFUSED"],
      ["backup.capture", "blocked", "PROVIDER_CREDENTIALS_REFUSED"],
    ]);
  });
});
