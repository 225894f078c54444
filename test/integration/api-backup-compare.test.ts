import { toGlobalId } from "@atlas/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

let database: TestDatabase;
let api: TestApi;
let operator: ApiClient;

const COMPARE = `query Compare($leftId: ID!, $rightId: ID!) {
  compareBackupSets(leftId: $leftId, rightId: $rightId) {
    __typename
    ... on BackupSetComparison {
      earlier { name } later { name }
      changes { displayName kind settings { kind path before after } }
    }
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  operator = await loginAs(api.url, "operator@demo.test");
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

/** A finished backup of one environment holding the given policies (name -> normalized payload). */
async function backupWith(environment: string, name: string, createdAt: Date, policies: Record<string, object>) {
  const environmentId = api.demo.demo!.environments[environment]!;
  const workspaceId = api.demo.demo!.workspaceId;
  const set = await database.db.backupSet.create({
    data: {
      workspaceId,
      managedEnvironmentId: environmentId,
      name,
      trigger: "manual",
      status: "completed",
      createdAt,
      completedAt: createdAt,
    },
  });
  for (const [displayName, payload] of Object.entries(policies)) {
    const version = await database.db.policyVersion.create({
      data: {
        workspaceId,
        managedEnvironmentId: environmentId,
        objectType: "deviceConfigurations",
        providerId: `id-${displayName}`,
        displayName,
        rawPayload: payload,
        normalizedPayload: payload,
        contentHash: `${displayName}-${JSON.stringify(payload)}`,
        payloadBytes: 10,
        capturedAt: createdAt,
      },
    });
    await database.db.backupItem.create({
      data: {
        backupSetId: set.id,
        workspaceId,
        managedEnvironmentId: environmentId,
        objectType: "deviceConfigurations",
        providerId: `id-${displayName}`,
        displayName,
        policyVersionId: version.id,
      },
    });
  }
  return toGlobalId("BackupSet", set.id);
}

describe("compareBackupSets", () => {
  it("says what changed from the earlier backup to the later, in either order, setting by setting", async () => {
    const monday = await backupWith("Contoso", "Monday", new Date("2026-11-30T02:00:00Z"), {
      Firewall: { enabled: true },
      Legacy: { on: 1 },
    });
    const friday = await backupWith("Contoso", "Friday", new Date("2026-12-04T02:00:00Z"), {
      Firewall: { enabled: false },
      BitLocker: { encrypt: true },
    });
    const { body } = await operator.graphql(COMPARE, { leftId: friday, rightId: monday });
    const comparison = body.data.compareBackupSets;
    expect(comparison).toMatchObject({ __typename: "BackupSetComparison", earlier: { name: "Monday" }, later: { name: "Friday" } });
    const byName = Object.fromEntries(comparison.changes.map((change: { displayName: string }) => [change.displayName, change]));
    expect(byName.Firewall).toMatchObject({
      kind: "changed",
      settings: [{ kind: "changed", path: "enabled", before: "true", after: "false" }],
    });
    expect(byName.BitLocker).toMatchObject({ kind: "added" });
    expect(byName.Legacy).toMatchObject({ kind: "removed" });
  });

  it("refuses backups of two different tenants", async () => {
    const contoso = await backupWith("Contoso", "Contoso only", new Date("2026-11-01T00:00:00Z"), {});
    const fabrikam = await backupWith("Fabrikam", "Fabrikam only", new Date("2026-11-02T00:00:00Z"), {});
    const { body } = await operator.graphql(COMPARE, { leftId: contoso, rightId: fabrikam });
    expect(body.data.compareBackupSets).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: expect.arrayContaining(["rightId"]) }],
    });
  });
});
