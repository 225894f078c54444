import { randomUUID } from "node:crypto";
import { type Actor, createRestoreRun, loadUserActor, setRestoreScope } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import {
  type IsolationProbe,
  connectionProbes,
  isolationOutsiders,
  itAnswersForeignLikeAbsent,
  withoutRequestIds,
} from "../kit/api/isolation.ts";
import { SOURCE_OBJECTS, insertCompletedBackupSet, jobCount } from "../kit/api/restore-fixture.ts";
import { ADDED_COVERAGE_TYPES } from "../kit/coverage-fixture.ts";
import { contractFor } from "@atlas/graph-client";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/**
 * Restore records of another workspace (or outside a member's environments) must be
 * indistinguishable from records that do not exist, for every field and mutation that takes an id.
 * Records are written through core and directly: no preview or execution has to run.
 */
let database: TestDatabase;
let api: TestApi;
let owner: ApiClient;
let readonly: ApiClient;
const ids: Record<string, string> = {};
const random: Record<string, string> = {};
let outsiders: Record<string, ApiClient> = {};
/** Per outsider: a backup set and a restore run of its own, to pair with foreign ids. */
const own: Record<string, OwnRecords> = {};

async function actorOf(email: string): Promise<Actor> {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadUserActor(database.db, user.id)) as Actor;
}

/** Objects of every type added for broader coverage (mobile apps, role assignments, Apple enrollment ...) in the demo set. */
const ADDED_OBJECTS = ADDED_COVERAGE_TYPES.map((objectType) => ({
  objectType,
  providerId: `${objectType}-1`,
  displayName: objectType,
  isFoundation: contractFor(objectType).isFoundation,
}));

/** A scoped restore run of a fresh completed set, from one environment into another. */
async function scopedRun(actor: Actor, workspaceId: string, from: string, into: string, objects = SOURCE_OBJECTS) {
  const { set, items } = await insertCompletedBackupSet(database.db, { workspaceId, environmentId: from }, objects);
  const run = await createRestoreRun(database.db, actor, { backupSetId: set.id, environmentId: into });
  await setRestoreScope(database.db, actor, { restoreRunId: run.id, selectAll: true, mode: "with_assignments" });
  return { set, items, run };
}

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  const demo = api.demo.demo!;
  const other = api.demo.other!;
  const { set, items, run } = await scopedRun(
    await actorOf("owner@demo.test"),
    demo.workspaceId,
    demo.environments.Contoso!,
    demo.environments.Northwind!,
    [...SOURCE_OBJECTS, ...ADDED_OBJECTS],
  );
  const restoreItem = await database.db.restoreItem.findFirstOrThrow({ where: { restoreRunId: run.id } });
  await database.db.restoreRun.update({
    where: { id: run.id },
    data: {
      status: "previewed",
      previewedScopeVersion: 0,
      checks: [{ code: "SAME_TENANT", severity: "warning", message: "m", restoreItemId: restoreItem.id }],
    },
  });
  const snapshot = await database.db.evidenceSnapshot.create({
    data: {
      workspaceId: demo.workspaceId,
      managedEnvironmentId: demo.environments.Northwind!,
      restoreRunId: run.id,
      kind: "restore_verification",
      status: "completed",
      completenessState: "complete",
      items: [{ restoreItemId: restoreItem.id, targetProviderId: "t", expectedHash: "a", actualHash: "a", match: true }],
    },
  });
  const historyEvent = await database.db.restoreRunEvent.findFirstOrThrow({ where: { restoreRunId: run.id } });
  Object.assign(ids, {
    Workspace: toGlobalId("Workspace", demo.workspaceId),
    ManagedEnvironment: toGlobalId("ManagedEnvironment", demo.environments.Northwind!),
    BackupSet: toGlobalId("BackupSet", set.id),
    BackupItem: toGlobalId("BackupItem", items.Baseline!.id),
    RestoreRun: toGlobalId("RestoreRun", run.id),
    RestoreItem: toGlobalId("RestoreItem", restoreItem.id),
    EvidenceSnapshot: toGlobalId("EvidenceSnapshot", snapshot.id),
    RestoreRunEvent: toGlobalId("RestoreRunEvent", historyEvent.id),
  });
  for (const type of Object.keys(ids)) random[type] = toGlobalId(type, type === "RestoreRunEvent" ? "987654321" : randomUUID());

  owner = await loginAs(api.url, "owner@demo.test");
  readonly = await loginAs(api.url, "readonly@demo.test");
  // The member limited to Fabrikam is an outsider to Contoso's and Northwind's records too.
  outsiders = await isolationOutsiders(database.db, api);
  const tailspin = other.environments.Tailspin!;
  const otherRun = await scopedRun(await actorOf("owner@other.test"), other.workspaceId, tailspin, tailspin);
  const fabrikam = demo.environments.Fabrikam!;
  const limitedRun = await scopedRun(await actorOf("limited@demo.test"), demo.workspaceId, fabrikam, fabrikam);
  for (const [who, mine] of [
    ["otherOwner", otherRun],
    ["otherToken", otherRun],
    ["limited", limitedRun],
  ] as const) {
    own[who] = {
      set: toGlobalId("BackupSet", mine.set.id),
      run: toGlobalId("RestoreRun", mine.run.id),
      environment: toGlobalId("ManagedEnvironment", mine.run.managedEnvironmentId),
    };
  }
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

const RUN_FIELDS = `status dryRun targetLabel scopeMode sourceBackupSet { id } environment { id } checks { code item { id } }
  items(first: 5) { totalCount edges { node { id } } } counts { total } previewSummary { key } resultAttention { state }
  operationRun { id } previewOperationRun { id } evidenceSnapshot { id items { restoreItem { id } match } }
  events(first: 5) { totalCount edges { node { id kind toStatus } } }`;
const NODE_FIELDS = `__typename id
  ... on RestoreRun { ${RUN_FIELDS} }
  ... on RestoreItem { displayName previewOnly action outcome changes { path } unmappedReferences { kind } error { reasonCode } backupItem { id } }
  ... on EvidenceSnapshot { kind snapshotStatus: status completenessState verified: items { restoreItem { id } expectedHash match } operationRun { id } }
  ... on BackupItem { previewOnly }
  ... on RestoreRunEvent { kind fromStatus toStatus reasonCode actor }`;
const ERRORS = `__typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }`;
const RESULT = `${ERRORS} ... on RestoreRunPayload { restoreRun { id } }`;
const PREVIEW_RESULT = `${ERRORS} ... on RestorePreviewPayload { run { id } }`;

type Id = (type: string) => string;
interface OwnRecords {
  set: string;
  run: string;
  environment: string;
}
type Probe = IsolationProbe<OwnRecords>;

const SCOPE = `mutation($r: ID!, $items: [ID!]) { setRestoreScope(input: { restoreRunId: $r, backupItemIds: $items, mode: WITH_ASSIGNMENTS }) { ${RESULT} } }`;
const probes: Probe[] = [
  ...["RestoreRun", "RestoreItem", "EvidenceSnapshot", "BackupItem", "RestoreRunEvent"].map((type) => ({
    name: `node(id) of ${type}`,
    query: `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`,
    variables: (id: Id) => ({ id: id(type) }),
  })),
  {
    name: "nodes(ids)",
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`,
    variables: (id) => ({ ids: ["RestoreRun", "RestoreItem", "EvidenceSnapshot", "RestoreRunEvent"].map(id) }),
  },
  ...connectionProbes<OwnRecords>("restoreRuns", () => ids.Workspace!),
  ...[
    ["foreign set", (id: Id, mine: { environment: string }) => ({ s: id("BackupSet"), e: mine.environment })],
    ["foreign target", (id: Id, mine: { set: string }) => ({ s: mine.set, e: id("ManagedEnvironment") })],
  ].map(([what, variables]) => ({
    name: `createRestoreRun (${what as string})`,
    query: `mutation($s: ID!, $e: ID!) { createRestoreRun(input: { backupSetId: $s, environmentId: $e }) { ${RESULT} } }`,
    variables: variables as Probe["variables"],
  })),
  { name: "setRestoreScope (foreign run)", query: SCOPE, variables: (id) => ({ r: id("RestoreRun"), items: [id("BackupItem")] }) },
  { name: "setRestoreScope (own run, foreign item)", query: SCOPE, variables: (id, mine) => ({ r: mine.run, items: [id("BackupItem")] }) },
  {
    name: "startRestorePreview",
    query: `mutation($r: ID!) { startRestorePreview(input: { restoreRunId: $r }) { ${PREVIEW_RESULT} } }`,
    variables: (id) => ({ r: id("RestoreRun") }),
  },
  {
    name: "confirmRestoreRun",
    query: `mutation($r: ID!) { confirmRestoreRun(input: { restoreRunId: $r, acknowledgeImpact: true, typedTargetName: "Northwind" }) { ${RESULT} } }`,
    variables: (id) => ({ r: id("RestoreRun") }),
  },
];

describe("restore isolation: a foreign id answers exactly like a nonexistent one", () => {
  itAnswersForeignLikeAbsent(probes, () => ({ outsiders, ids, random, own }));

  it("restore and backup items of every added type (mobile apps, reusable settings, role assignments, Apple enrollment ...)", async () => {
    const runId = rawIdOf(ids.RestoreRun!, "RestoreRun")!;
    const items = await database.db.restoreItem.findMany({ where: { restoreRunId: runId, objectType: { in: ADDED_COVERAGE_TYPES } } });
    expect(items.map((item) => item.objectType).sort()).toEqual([...ADDED_COVERAGE_TYPES].sort());
    const query = `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`;
    for (const item of items) {
      const restoreItem = toGlobalId("RestoreItem", item.id);
      const backupItem = toGlobalId("BackupItem", item.backupItemId);
      for (const [who, client] of Object.entries(outsiders)) {
        for (const [type, id] of [
          ["RestoreItem", restoreItem],
          ["BackupItem", backupItem],
        ] as const) {
          const foreign = await client.graphql(query, { id });
          const absent = await client.graphql(query, { id: random[type] });
          expect(withoutRequestIds(foreign), `${who}: ${type} of ${item.objectType}`).toEqual(withoutRequestIds(absent));
        }
      }
      const { body } = await owner.graphql(query, { id: restoreItem });
      expect(body.data.node, item.objectType).toMatchObject({ __typename: "RestoreItem", displayName: item.objectType });
    }
  });

  it("leaves the foreign records untouched and enqueues nothing", async () => {
    expect(await database.db.restoreRun.count()).toBe(3);
    expect(await database.db.operationRun.count()).toBe(0);
    expect(await jobCount(database.db)).toBe(0);
    const run = await database.db.restoreRun.findUniqueOrThrow({
      where: { id: rawIdOf(ids.RestoreRun!, "RestoreRun")! },
      include: { items: true },
    });
    expect([run.status, run.items.length]).toEqual(["previewed", SOURCE_OBJECTS.length + ADDED_OBJECTS.length]);
  });

  it("a readonly member (an auditor) reads restore runs and their proof but can never start or change one", async () => {
    const node = await readonly.graphql(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: ids.RestoreRun });
    expect(node.body.errors).toBeUndefined();
    expect(node.body.data.node).toMatchObject({
      __typename: "RestoreRun",
      status: "PREVIEWED",
      evidenceSnapshot: { id: ids.EvidenceSnapshot, items: [{ restoreItem: { id: ids.RestoreItem }, match: true }] },
    });
    const proof = await readonly.graphql(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: ids.EvidenceSnapshot });
    expect(proof.body.data.node).toMatchObject({ __typename: "EvidenceSnapshot", id: ids.EvidenceSnapshot });
    const list = await readonly.graphql(`query($w: ID!) { restoreRuns(workspaceId: $w) { totalCount } }`, { w: ids.Workspace });
    expect(list.body.data.restoreRuns.totalCount).toBe(2);
    const attempts = {
      createRestoreRun: await readonly.graphql(
        `mutation($s: ID!, $e: ID!) { createRestoreRun(input: { backupSetId: $s, environmentId: $e }) { ${RESULT} } }`,
        { s: ids.BackupSet, e: ids.ManagedEnvironment },
      ),
      setRestoreScope: await readonly.graphql(SCOPE, { r: ids.RestoreRun, items: [ids.BackupItem] }),
      startRestorePreview: await readonly.graphql(
        `mutation($r: ID!) { startRestorePreview(input: { restoreRunId: $r }) { ${PREVIEW_RESULT} } }`,
        { r: ids.RestoreRun },
      ),
      confirmRestoreRun: await readonly.graphql(
        `mutation($r: ID!) { confirmRestoreRun(input: { restoreRunId: $r, acknowledgeImpact: true, typedTargetName: "Northwind" }) { ${RESULT} } }`,
        { r: ids.RestoreRun },
      ),
    };
    for (const [mutation, { body }] of Object.entries(attempts)) expect(body.data[mutation].__typename, mutation).toBe("ForbiddenError");
    const run = await database.db.restoreRun.findUniqueOrThrow({ where: { id: rawIdOf(ids.RestoreRun!, "RestoreRun")! } });
    expect(run.status).toBe("previewed");
    expect(await database.db.restoreRun.count()).toBe(3);
    expect(await database.db.operationRun.count()).toBe(0);
  });

  it("the probes do see the records for their legitimate owner", async () => {
    for (const type of ["RestoreRun", "RestoreItem", "EvidenceSnapshot", "BackupItem"]) {
      const { body } = await owner.graphql(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: ids[type] });
      expect(body.errors, type).toBeUndefined();
      expect(body.data.node, type).toMatchObject({ __typename: type, id: ids[type] });
    }
    const { body } = await owner.graphql(`query($id: ID!) { node(id: $id) { ... on RestoreRun { ${RUN_FIELDS} } } }`, {
      id: ids.RestoreRun,
    });
    expect(body.data.node).toMatchObject({
      status: "PREVIEWED",
      sourceBackupSet: { id: ids.BackupSet },
      checks: [{ code: "SAME_TENANT", item: { id: ids.RestoreItem } }],
      items: { totalCount: SOURCE_OBJECTS.length + ADDED_OBJECTS.length },
      evidenceSnapshot: { id: ids.EvidenceSnapshot, items: [{ restoreItem: { id: ids.RestoreItem }, match: true }] },
    });
    const list = await owner.graphql(
      `query($w: ID!, $e: ID!) { restoreRuns(workspaceId: $w, filter: { environmentIds: [$e] }) { totalCount } }`,
      {
        w: ids.Workspace,
        e: ids.ManagedEnvironment,
      },
    );
    expect(list.body.data.restoreRuns.totalCount).toBe(1);
    const scoped = await owner.graphql(SCOPE, { r: ids.RestoreRun, items: [ids.BackupItem] });
    expect(scoped.body.data.setRestoreScope).toEqual({ __typename: "RestoreRunPayload", restoreRun: { id: ids.RestoreRun } });
  });
});
