import { confirmRestoreRun, startBackup } from "@atlas/core";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_BOX, startSync, waitForCompletion } from "../kit/index.ts";
import { backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// A target that refuses the credentials or cannot be reached never yields a SUCCEEDED run: the
// preview, the execution, the sync and the backup end BLOCKED (refused) or FAILED (unreachable)
// with the one shared reason code.

const stack = useRestoreStack();

/** Runs `body` while the environment's stored credential (or address) is broken, then mends it. */
async function withBrokenConnection<T>(
  environmentId: string,
  change: { clientSecret?: string; graphBaseUrl?: string },
  body: () => Promise<T>,
): Promise<T> {
  const before = await stack.db.managedEnvironment.findUniqueOrThrow({ where: { id: environmentId } });
  await stack.db.managedEnvironment.update({
    where: { id: environmentId },
    data: {
      ...(change.clientSecret ? { clientSecretEncrypted: TEST_SECRET_BOX.encrypt(change.clientSecret) } : {}),
      ...(change.graphBaseUrl ? { graphBaseUrl: change.graphBaseUrl } : {}),
    },
  });
  try {
    return await body();
  } finally {
    await stack.db.managedEnvironment.update({
      where: { id: environmentId },
      data: { clientSecretEncrypted: before.clientSecretEncrypted, graphBaseUrl: before.graphBaseUrl },
    });
  }
}

const failureOf = (run: { failureReasonCode: string | null }) => run.failureReasonCode;

describe("refused or unreachable provider", () => {
  let backupSetId: string;
  beforeAll(async () => {
    backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Contoso!);
  });

  it("a preview against a target that refuses the credentials ends BLOCKED with a reason and a blocker", async () => {
    const { restoreRun, preview } = await withBrokenConnection(stack.environments.Northwind!, { clientSecret: "revoked-secret" }, () =>
      restoreThroughWizard(stack.db, stack.owner, {
        backupSetId,
        environmentId: stack.environments.Northwind!,
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
    const { preview } = await withBrokenConnection(stack.environments.Northwind!, { graphBaseUrl: "http://127.0.0.1:9" }, () =>
      restoreThroughWizard(stack.db, stack.owner, {
        backupSetId,
        environmentId: stack.environments.Northwind!,
        objectTypes: ["roleScopeTags"],
        confirm: false,
      }),
    );
    expect([preview.outcome, failureOf(preview)]).toEqual(["failed", "PROVIDER_UNREACHABLE"]);
  });

  it("restore.execute, inventory.sync and backup.capture end BLOCKED with PROVIDER_CREDENTIALS_REFUSED", async () => {
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
      objectTypes: ["roleScopeTags"],
      confirm: false,
    });
    const outcomes = await withBrokenConnection(stack.environments.Northwind!, { clientSecret: "revoked-secret" }, async () => {
      const { start } = await confirmRestoreRun(stack.db, stack.owner, {
        restoreRunId: restoreRun.id,
        acknowledgeImpact: true,
        typedTargetName: "Northwind",
      });
      const sync = await startSync(stack.db, stack.owner, stack.workspaceId, stack.environments.Northwind!);
      const backup = await startBackup(stack.db, stack.owner, { environmentId: stack.environments.Northwind! });
      return Promise.all([start.run.id, sync.run.id, backup.run.id].map((id) => waitForCompletion(stack.db, id, 90_000)));
    });
    expect(outcomes.map((run) => [run.type, run.outcome, failureOf(run)])).toEqual([
      ["restore.execute", "blocked", "PROVIDER_CREDENTIALS_REFUSED"],
      ["inventory.sync", "blocked", "PROVIDER_CREDENTIALS_REFUSED"],
      ["backup.capture", "blocked", "PROVIDER_CREDENTIALS_REFUSED"],
    ]);
  });
});
