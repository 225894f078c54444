import { rawIdOf, toGlobalId } from "@atlas/api";
import { completeRun } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

let database: TestDatabase;
let api: TestApi;
let operator: ApiClient;
let readonly: ApiClient;
let env: Record<string, string>;

const START_BACKUP = `mutation Start($environmentId: ID!) {
  startBackup(input: { environmentId: $environmentId, name: "Before the audit" }) {
    __typename
    ... on StartOperationPayload { run { id } }
  }
}`;

const RERUN = `mutation Rerun($runId: ID!) {
  rerunOperationRun(input: { runId: $runId }) {
    __typename
    ... on StartOperationPayload { deduplicated run { id type status environment { name } startedBy { kind name } } }
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
    ... on ForbiddenError { capability }
  }
}`;

const RUN = `query Run($id: ID!) { node(id: $id) { ... on OperationRun { rerunnable startedBy { kind name } } } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  env = Object.fromEntries(Object.entries(api.demo.demo!.environments).map(([name, id]) => [name, toGlobalId("ManagedEnvironment", id)]));
  operator = await loginAs(api.url, "operator@demo.test");
  readonly = await loginAs(api.url, "readonly@demo.test");
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

const rawId = (globalId: string) => rawIdOf(globalId, "OperationRun") ?? "";

async function finishedBackupRun(): Promise<string> {
  const { body } = await operator.graphql(START_BACKUP, { environmentId: env.Contoso });
  const runId: string = body.data.startBackup.run.id;
  await completeRun(database.db, rawId(runId), "failed", { reasonCode: "provider_unavailable", failure: true });
  return runId;
}

describe("rerunOperationRun", () => {
  it("starts the same backup of the same tenant again, by the person who asked, and audits it", async () => {
    const first = await finishedBackupRun();
    await expect(operator.graphql(RUN, { id: first })).resolves.toMatchObject({
      body: { data: { node: { rerunnable: true, startedBy: { kind: "user", name: expect.any(String) } } } },
    });

    const { body } = await operator.graphql(RERUN, { runId: first });
    const payload = body.data.rerunOperationRun;
    expect(payload).toMatchObject({
      __typename: "StartOperationPayload",
      deduplicated: false,
      run: { type: "backup.capture", status: "QUEUED", environment: { name: "Contoso" }, startedBy: { kind: "user" } },
    });
    expect(payload.run.id).not.toBe(first);
    const started = await database.db.operationRun.findUniqueOrThrow({ where: { id: rawId(payload.run.id) } });
    expect(started.context).toMatchObject({ name: "Before the audit", trigger: "manual" });
    const audit = await database.db.auditEvent.findMany({ where: { action: "operation_run.rerun", targetId: started.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toMatchObject({ type: "backup.capture", rerunOf: rawId(first), deduplicated: false });

    // Asked again while the new run is active: the same run comes back, as for any start.
    const again = await operator.graphql(RERUN, { runId: first });
    expect(again.body.data.rerunOperationRun).toMatchObject({ deduplicated: true, run: { id: payload.run.id } });
  });

  it("refuses an active run, and a readonly member, and starts nothing", async () => {
    const active = await database.db.operationRun.findFirstOrThrow({ where: { type: "backup.capture", status: "queued" } });
    const activeId = toGlobalId("OperationRun", active.id);
    await expect(operator.graphql(RERUN, { runId: activeId })).resolves.toMatchObject({
      body: { data: { rerunOperationRun: { __typename: "ConflictError" } } },
    });
    const finished = await database.db.operationRun.findFirstOrThrow({ where: { type: "backup.capture", status: "completed" } });
    const finishedId = toGlobalId("OperationRun", finished.id);
    const before = await database.db.operationRun.count();
    await expect(readonly.graphql(RUN, { id: finishedId })).resolves.toMatchObject({ body: { data: { node: { rerunnable: false } } } });
    await expect(readonly.graphql(RERUN, { runId: finishedId })).resolves.toMatchObject({
      body: { data: { rerunOperationRun: { __typename: "ForbiddenError", capability: "backup.run" } } },
    });
    expect(await database.db.operationRun.count()).toBe(before);
  });
});
