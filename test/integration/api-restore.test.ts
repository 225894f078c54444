import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, startTestApi } from "../kit/api/harness.ts";
import { insertCompletedBackupSet, jobCount } from "../kit/api/restore-fixture.ts";
import { RESTORE_DOCUMENTS as D, restoreWizardFixture } from "../kit/api/restore-wizard.ts";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/** The restore wizard over GraphQL: create, scope, preview. No worker runs: preview and execute jobs just stay queued. */
let database: TestDatabase;
let api: TestApi;
let w: Awaited<ReturnType<typeof restoreWizardFixture>>;
let owner: ApiClient;
let operator: ApiClient;
let readonly: ApiClient;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  w = await restoreWizardFixture(database.db, api);
  ({ owner, operator, readonly } = w.clients);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

const names = (run: { items: { edges: Array<{ node: { displayName: string } }> } }) => run.items.edges.map((edge) => edge.node.displayName);

describe("createRestoreRun", () => {
  it("creates a dry run by default with a frozen target label, not executed", async () => {
    const run = await w.create(operator);
    expect(run).toMatchObject({
      status: "DRAFT",
      dryRun: true,
      targetLabel: "Northwind",
      scopeMode: "WITH_ASSIGNMENTS",
      confirmedAt: null,
    });
    expect(run).toMatchObject({ sourceBackupSet: { id: w.setId }, environment: { name: "Northwind" }, checks: [], previewSummary: [] });
    expect(run).toMatchObject({ items: { totalCount: 0 }, operationRun: null, previewOperationRun: null, evidenceSnapshot: null });
    expect(run.counts).toEqual({ total: 0, succeeded: 0, failed: 0, skipped: 0, partial: 0, nonApplied: 0, foundationsSkipped: 0 });
    expect(run.resultAttention).toMatchObject({ state: "NOT_EXECUTED", primaryCauseFamily: null });
    await database.db.managedEnvironment.update({
      where: { id: api.demo.demo!.environments.Northwind! },
      data: { name: "Northwind (renamed)" },
    });
    const { body } = await operator.graphql(D.node, { id: run.id });
    await database.db.managedEnvironment.update({ where: { id: api.demo.demo!.environments.Northwind! }, data: { name: "Northwind" } });
    expect(body.data.node).toMatchObject({ targetLabel: "Northwind", environment: { name: "Northwind (renamed)" } });
    expect((await w.create(owner, false)).dryRun).toBe(false);
  });

  it("refuses a readonly member and a set that is not completed", async () => {
    expect((await readonly.graphql(D.create, { s: w.setId, e: w.env.Northwind })).body.data.createRestoreRun).toMatchObject({
      __typename: "ForbiddenError",
      capability: "restore.preview",
    });
    await database.db.backupSet.update({ where: { id: rawIdOf(w.setId, "BackupSet")! }, data: { status: "capturing" } });
    const { body } = await operator.graphql(D.create, { s: w.setId, e: w.env.Northwind });
    await database.db.backupSet.update({ where: { id: rawIdOf(w.setId, "BackupSet")! }, data: { status: "completed" } });
    expect(body.data.createRestoreRun).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "backupSetId"] }] });
  });
});

describe("setRestoreScope", () => {
  it("scopes by items, by types and all, foundations first", async () => {
    const run = await w.create(operator);
    const byItems = (await w.scope(operator, { restoreRunId: run.id, backupItemIds: [w.item.Baseline, w.item.Berlin] })).restoreRun;
    expect(byItems.status).toBe("SCOPED");
    expect(names(byItems)).toEqual(["Berlin", "Baseline"]);
    expect(byItems.items.edges[0].node).toMatchObject({
      isFoundation: true,
      objectType: "roleScopeTags",
      outcome: "PENDING",
      action: null,
      backupItem: { id: w.item.Berlin },
    });
    const byTypes = (await w.scope(operator, { restoreRunId: run.id, objectTypes: ["intents"], mode: "WITHOUT_ASSIGNMENTS" })).restoreRun;
    expect(byTypes).toMatchObject({ scopeMode: "WITHOUT_ASSIGNMENTS", items: { totalCount: 1 } });
    expect(byTypes.items.edges[0].node).toMatchObject({
      displayName: "Security baseline",
      previewOnly: true,
      backupItem: { previewOnly: true },
    });
    const all = (await w.scope(operator, { restoreRunId: run.id, selectAll: true, mode: "ASSIGNMENTS_ONLY" })).restoreRun;
    expect(names(all)).toEqual(["Berlin", "Baseline", "Wi-Fi", "Security baseline"]);
    expect(all.counts.total).toBe(4);
    const page = await operator.graphql(
      `query($id: ID!) { node(id: $id) { ... on RestoreRun { items(first: 2) { pageInfo { endCursor } } } } }`,
      { id: run.id },
    );
    const next = await operator.graphql(
      `query($id: ID!, $a: String) { node(id: $id) { ... on RestoreRun { items(first: 5, after: $a) { edges { node { displayName } } } } } }`,
      {
        id: run.id,
        a: page.body.data.node.items.pageInfo.endCursor,
      },
    );
    expect(next.body.data.node.items.edges.map((edge: { node: { displayName: string } }) => edge.node.displayName)).toEqual([
      "Wi-Fi",
      "Security baseline",
    ]);
  });

  it("refuses items that are not in the source set, and an empty selection", async () => {
    const run = await w.create(operator);
    const demo = api.demo.demo!;
    const otherSet = await insertCompletedBackupSet(database.db, {
      workspaceId: demo.workspaceId,
      environmentId: demo.environments.Fabrikam!,
    });
    const otherWorkspace = await insertCompletedBackupSet(database.db, {
      workspaceId: api.demo.other!.workspaceId,
      environmentId: api.demo.other!.environments.Tailspin!,
    });
    for (const foreign of [otherSet.items.Baseline!.id, otherWorkspace.items.Baseline!.id]) {
      const result = await w.scope(operator, { restoreRunId: run.id, backupItemIds: [w.item.Baseline, toGlobalId("BackupItem", foreign)] });
      expect(result).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "backupItemIds"] }] });
    }
    expect(await w.scope(operator, { restoreRunId: run.id, backupItemIds: ["not-an-id"] })).toMatchObject({
      __typename: "ValidationError",
    });
    expect(await w.scope(operator, { restoreRunId: run.id, backupItemIds: [] })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "backupItemIds"] }],
    });
    expect((await operator.graphql(D.node, { id: run.id })).body.data.node).toMatchObject({ status: "DRAFT", items: { totalCount: 0 } });
  });

  it("changing the scope resets checks and preview (back to SCOPED)", async () => {
    const run = await w.previewed(operator, true, [{ code: "SAME_TENANT", severity: "warning", message: "Same tenant." }]);
    const { body } = await operator.graphql(D.preview, { r: run.id });
    await w.update(run.id, { status: "previewed", previewSummary: { create: 4 } });
    expect((await operator.graphql(D.node, { id: run.id })).body.data.node).toMatchObject({
      status: "PREVIEWED",
      checks: [{ code: "SAME_TENANT" }],
      previewSummary: [{ key: "create", value: 4 }],
    });
    const rescoped = (await w.scope(operator, { restoreRunId: run.id, backupItemIds: [w.item["Wi-Fi"]] })).restoreRun;
    expect(rescoped).toMatchObject({
      status: "SCOPED",
      checks: [],
      previewSummary: [],
      previewOperationRun: null,
      items: { totalCount: 1 },
    });
    expect(body.data.startRestorePreview.run.id).toBeTruthy();
  });
});

describe("startRestorePreview", () => {
  it("needs a scope; enqueues restore.preview once and dedups", async () => {
    const run = await w.create(operator);
    expect((await operator.graphql(D.preview, { r: run.id })).body.data.startRestorePreview.__typename).toBe("ValidationError");
    await w.scope(operator, { restoreRunId: run.id, selectAll: true });
    const jobs = await jobCount(database.db, "restore.preview");
    const first = (await operator.graphql(D.preview, { r: run.id })).body.data.startRestorePreview;
    const second = (await operator.graphql(D.preview, { r: run.id })).body.data.startRestorePreview;
    expect(first).toMatchObject({
      __typename: "RestorePreviewPayload",
      deduplicated: false,
      run: { type: "restore.preview", status: "QUEUED" },
    });
    expect(first.restoreRun).toEqual({ id: run.id, status: "SCOPED", previewOperationRun: { id: first.run.id } });
    expect(second).toMatchObject({ deduplicated: true, run: { id: first.run.id } });
    expect(await jobCount(database.db, "restore.preview")).toBe(jobs + 1);
    expect((await readonly.graphql(D.preview, { r: run.id })).body.data.startRestorePreview.__typename).toBe("ForbiddenError");
  });

  it("shows the preview, results and verification evidence the jobs write", async () => {
    const run = await w.previewed(operator, true);
    const [tag, baseline] = await database.db.restoreItem.findMany({ where: { restoreRunId: w.raw(run.id) }, orderBy: { ordinal: "asc" } });
    await w.update(run.id, {
      checks: [{ code: "REFERENCE_UNMAPPED", severity: "warning", message: "Group missing.", restoreItemId: baseline!.id }],
      previewSummary: { create: 1, update: 1, noChange: 1, skip: 1 },
    });
    const changes = [
      { kind: "changed", path: "setting", before: "old", after: "dc-1" },
      { kind: "added", path: "extra", after: null },
    ];
    await database.db.restoreItem.update({
      where: { id: baseline!.id },
      data: {
        previewAction: "update",
        previewChanges: changes,
        targetProviderId: "t-1",
        outcome: "partial",
        providerAcceptance: { id: "t-1", version: "2" },
        unmappedReferences: [{ kind: "group", sourceId: "g-1", displayName: "Sales" }],
      },
    });
    await database.db.restoreItem.update({
      where: { id: tag!.id },
      data: { previewAction: "no_change", outcome: "failed", errorCode: "provider_rejected", errorMessage: "Rejected." },
    });
    await database.db.evidenceSnapshot.create({
      data: {
        workspaceId: api.demo.demo!.workspaceId,
        managedEnvironmentId: api.demo.demo!.environments.Northwind!,
        restoreRunId: w.raw(run.id),
        kind: "restore_verification",
        status: "completed",
        completenessState: "complete",
        items: [{ restoreItemId: baseline!.id, targetProviderId: "t-1", expectedHash: "a", actualHash: "b", match: false }],
      },
    });
    const shown = (await operator.graphql(D.node, { id: run.id })).body.data.node;
    expect(shown.checks).toEqual([
      {
        code: "REFERENCE_UNMAPPED",
        severity: "WARNING",
        message: "Group missing.",
        item: { id: toGlobalId("RestoreItem", baseline!.id), displayName: "Baseline" },
      },
    ]);
    expect(shown.previewSummary).toEqual([
      { key: "create", value: 1 },
      { key: "noChange", value: 1 },
      { key: "skip", value: 1 },
      { key: "update", value: 1 },
    ]);
    expect(shown.items.edges[1].node).toMatchObject({
      action: "UPDATE",
      outcome: "PARTIAL",
      targetProviderId: "t-1",
      providerAcceptance: '{"id":"t-1","version":"2"}',
      error: null,
      changes: [
        { kind: "CHANGED", path: "setting", before: '"old"', after: '"dc-1"' },
        { kind: "ADDED", path: "extra", before: null, after: "null" },
      ],
      unmappedReferences: [{ kind: "group", sourceId: "g-1", displayName: "Sales" }],
    });
    expect(shown.items.edges[0].node).toMatchObject({
      action: "NO_CHANGE",
      outcome: "FAILED",
      error: { reasonCode: "provider_rejected", message: "Rejected." },
    });
    expect(shown.counts).toMatchObject({ total: 4, partial: 1, failed: 1, nonApplied: 2 });
    expect(shown.evidenceSnapshot).toEqual({
      kind: "restore_verification",
      status: "completed",
      completenessState: "complete",
      operationRun: null,
      items: [
        {
          restoreItem: { id: toGlobalId("RestoreItem", baseline!.id) },
          targetProviderId: "t-1",
          expectedHash: "a",
          actualHash: "b",
          match: false,
        },
      ],
    });
    expect(shown.resultAttention.state).toBe("NOT_EXECUTED");
  });
});
