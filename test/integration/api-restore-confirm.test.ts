import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, startTestApi } from "../kit/api/harness.ts";
import { jobCount } from "../kit/api/restore-fixture.ts";
import { RESTORE_DOCUMENTS as D, restoreWizardFixture } from "../kit/api/restore-wizard.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/** The restore wizard over GraphQL: confirm (the gates before restore.execute) and the list. No worker runs: preview and execute jobs just stay queued. */
let database: TestDatabase;
let api: TestApi;
let w: Awaited<ReturnType<typeof restoreWizardFixture>>;
let owner: ApiClient;
let manager: ApiClient;
let operator: ApiClient;
let readonly: ApiClient;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  w = await restoreWizardFixture(database.db, api);
  ({ owner, manager, operator, readonly } = w.clients);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

describe("confirmRestoreRun", () => {
  const confirm = async (client: ApiClient, id: string, name = "Northwind", ack = true) =>
    (await client.graphql(D.confirm, { r: id, ack, name })).body.data.confirmRestoreRun;
  const executeRuns = () => database.db.operationRun.count({ where: { type: "restore.execute" } });

  it("refuses a run that is not previewed", async () => {
    const run = await w.create(owner, false);
    await w.scope(owner, { restoreRunId: run.id, selectAll: true });
    expect((await confirm(owner, run.id)).__typename).toBe("ValidationError");
    expect(await executeRuns()).toBe(0);
  });

  it("refuses while a check blocks, and enqueues nothing", async () => {
    const run = await w.previewed(owner, false, [{ code: "PREVIEW_ONLY_TYPE", severity: "blocker", message: "Remove the intent." }]);
    const [jobs, runs] = [await jobCount(database.db), await executeRuns()];
    const result = await confirm(owner, run.id);
    expect(result).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "restoreRunId"], message: "Remove the intent." }],
    });
    expect([await jobCount(database.db), await executeRuns()]).toEqual([jobs, runs]);
    expect((await owner.graphql(D.node, { id: run.id })).body.data.node).toMatchObject({
      status: "PREVIEWED",
      operationRun: null,
      confirmedAt: null,
    });
  });

  it("refuses a wrong typed name or a missing acknowledgement with field errors, and enqueues nothing", async () => {
    const run = await w.previewed(owner, false);
    const jobs = await jobCount(database.db);
    expect(await confirm(owner, run.id, "northwind")).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "typedTargetName"] }],
    });
    expect(await confirm(owner, run.id, "Northwind", false)).toMatchObject({ fieldErrors: [{ path: ["input", "acknowledgeImpact"] }] });
    expect(await jobCount(database.db)).toBe(jobs);
    expect(await executeRuns()).toBe(0);
  });

  it("a live run needs restore.execute: an operator is forbidden, a manager and an owner confirm it", async () => {
    const run = await w.previewed(operator, false);
    const jobs = await jobCount(database.db, "restore.execute");
    expect(await confirm(operator, run.id)).toMatchObject({ __typename: "ForbiddenError", capability: "restore.execute" });
    expect(await jobCount(database.db, "restore.execute")).toBe(jobs);
    const confirmed = await confirm(manager, run.id);
    expect(confirmed).toMatchObject({
      __typename: "RestoreRunPayload",
      restoreRun: { status: "QUEUED", operationRun: { type: "restore.execute", status: "QUEUED" } },
    });
    expect(confirmed.restoreRun.confirmedAt).toBeTruthy();
    expect(confirmed.restoreRun.resultAttention).toMatchObject({ state: "NOT_EXECUTED", primaryNextAction: "Watch the run" });
    expect(await jobCount(database.db, "restore.execute")).toBe(jobs + 1);
    expect((await w.scope(manager, { restoreRunId: run.id, selectAll: true })).__typename).toBe("ConflictError");
    const another = await w.previewed(owner, false);
    expect((await confirm(owner, another.id)).restoreRun.operationRun).toMatchObject({ status: "QUEUED" });
    const dry = await w.previewed(operator, true);
    expect((await confirm(operator, dry.id)).restoreRun).toMatchObject({ status: "QUEUED", dryRun: true });
  });
});

describe("restoreRuns", () => {
  const LIST = `query($w: ID!, $f: RestoreRunFilter) { restoreRuns(workspaceId: $w, filter: $f, first: 100) { totalCount edges { node { id status createdAt environment { name } } } } }`;

  it("lists the workspace's runs newest first, filtered; readonly members (auditors) see them too", async () => {
    const all = (await owner.graphql(LIST, { w: w.workspaceId })).body.data.restoreRuns;
    expect(all.totalCount).toBe(await database.db.restoreRun.count());
    const created = all.edges.map((edge: { node: { createdAt: string } }) => edge.node.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(all.edges.every((edge: { node: { environment: { name: string } } }) => edge.node.environment.name === "Northwind")).toBe(true);
    const queued = (await owner.graphql(LIST, { w: w.workspaceId, f: { statuses: ["QUEUED"] } })).body.data.restoreRuns;
    expect(queued.totalCount).toBe(3);
    expect((await owner.graphql(LIST, { w: w.workspaceId, f: { environmentIds: [w.env.Contoso] } })).body.data.restoreRuns.totalCount).toBe(
      0,
    );
    expect((await readonly.graphql(LIST, { w: w.workspaceId })).body.data.restoreRuns.totalCount).toBe(all.totalCount);
    expect((await readonly.graphql(D.node, { id: all.edges[0].node.id })).body.data.node).toMatchObject({ id: all.edges[0].node.id });
  });
});
