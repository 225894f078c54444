import { randomUUID } from "node:crypto";
import {
  type Actor,
  completeBackupSet,
  ensureBackupSet,
  loadUserActor,
  readRunContext,
  recordCapturedObject,
  recordObservedObjects,
  startBackup,
} from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { type IsolationProbe, connectionProbes, isolationOutsiders, itAnswersForeignLikeAbsent } from "../kit/api/isolation.ts";
import { toGlobalId } from "@atlas/api";
import { ADDED_COVERAGE_TYPES } from "../kit/coverage-fixture.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/**
 * Backup records of another workspace (or outside a member's environments) must be
 * indistinguishable from records that do not exist, for every new field and mutation that takes
 * an id. The records are written through core directly: no capture has to run for this.
 */
let database: TestDatabase;
let api: TestApi;
let owner: ApiClient;
const ids: Record<string, string> = {};
const random: Record<string, string> = {};
let outsiders: Record<string, ApiClient> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  const demo = api.demo.demo!;
  const environmentId = demo.environments.Contoso!;
  const operatorUser = await database.db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
  const operator = (await loadUserActor(database.db, operatorUser.id)) as Actor;
  const { run } = await startBackup(database.db, operator, { environmentId });
  const set = await ensureBackupSet(database.db, run, readRunContext("backup.capture", run.context));
  const scope = { workspaceId: demo.workspaceId, environmentId, runId: run.id };
  const policies = await recordObservedObjects(database.db, scope, "deviceConfigurations", [
    { providerId: "p1", displayName: "Baseline", payload: {} },
  ]);
  const object = { objectType: "deviceConfigurations", providerId: "p1", displayName: "Baseline", isFoundation: false, gaps: [] };
  const v1 = await recordCapturedObject(
    database.db,
    { ...scope, backupSetId: set.id },
    { ...object, raw: { a: 1 }, normalized: { a: 1 }, contentHash: "h1" },
  );
  const v2 = await recordCapturedObject(database.db, scope, { ...object, raw: { a: 2 }, normalized: { a: 2 }, contentHash: "h2" });
  // Every type added since (app protection to mobile apps, role assignments and Apple enrollment) sits in the same set: foreign sets hide them alike.
  const laterTypes = ADDED_COVERAGE_TYPES;
  for (const objectType of laterTypes) {
    await recordObservedObjects(database.db, scope, objectType, [{ providerId: `${objectType}-1`, displayName: objectType, payload: {} }]);
    const later = { objectType, providerId: `${objectType}-1`, displayName: objectType, isFoundation: false, gaps: [] };
    await recordCapturedObject(
      database.db,
      { ...scope, backupSetId: set.id },
      { ...later, raw: {}, normalized: {}, contentHash: objectType },
    );
  }
  await completeBackupSet(database.db, set.id, { deviceConfigurations: 1, ...Object.fromEntries(laterTypes.map((type) => [type, 1])) });
  const item = await database.db.backupItem.findFirstOrThrow({ where: { backupSetId: set.id, objectType: "deviceConfigurations" } });
  Object.assign(ids, {
    Workspace: toGlobalId("Workspace", demo.workspaceId),
    ManagedEnvironment: toGlobalId("ManagedEnvironment", environmentId),
    Policy: toGlobalId("Policy", policies.get("p1")!),
    BackupSet: toGlobalId("BackupSet", set.id),
    BackupItem: toGlobalId("BackupItem", item.id),
    PolicyVersion: toGlobalId("PolicyVersion", v1.policyVersionId),
    PolicyVersion2: toGlobalId("PolicyVersion", v2.policyVersionId),
  });
  for (const type of Object.keys(ids)) random[type] = toGlobalId(type.replace(/\d$/, ""), randomUUID());

  owner = await loginAs(api.url, "owner@demo.test");
  // The member limited to Fabrikam is an outsider to Contoso's records too.
  outsiders = await isolationOutsiders(database.db, api);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

const NODE_FIELDS = `__typename id
  ... on BackupSet { name status exportUrl(format: MARKDOWN) completeness { objectType } items(first: 5) { totalCount edges { node { id } } } }
  ... on BackupItem { displayName policyVersion { id } }
  ... on PolicyVersion { contentHash normalizedPayload history { id } }
  ... on Policy { versions { id } }
  ... on ManagedEnvironment { backupSets { totalCount } backupSchedule { cronExpression } }`;
const RESULT = `__typename ... on Error { message } ... on StartOperationPayload { run { id } }`;
const SCHEDULE = `mutation($id: ID!, $cron: String!) { setBackupSchedule(input: { environmentId: $id, enabled: true, cronExpression: $cron }) {
  __typename ... on Error { message } ... on ValidationError { fieldErrors { path } } } }`;

const probes: IsolationProbe[] = [
  ...["BackupSet", "BackupItem", "PolicyVersion", "Policy", "ManagedEnvironment"].map((type) => ({
    name: `node(id) of ${type}`,
    query: `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`,
    variables: (id: (type: string) => string) => ({ id: id(type) }),
  })),
  {
    name: "nodes(ids)",
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`,
    variables: (id) => ({ ids: ["BackupSet", "BackupItem", "PolicyVersion"].map(id) }),
  },
  {
    name: "BackupSet.exportUrl",
    query: `query($id: ID!) { node(id: $id) { ... on BackupSet { exportUrl(format: HTML) } } }`,
    variables: (id) => ({ id: id("BackupSet") }),
  },
  ...connectionProbes("backupSets", () => ids.Workspace!),
  {
    name: "policyVersionDiff",
    query: `query($f: ID!, $t: ID!) { policyVersionDiff(fromId: $f, toId: $t) { changes { path } } }`,
    variables: (id) => ({ f: id("PolicyVersion"), t: id("PolicyVersion2") }),
  },
  {
    name: "startBackup",
    query: `mutation($id: ID!) { startBackup(input: { environmentId: $id, name: "x" }) { ${RESULT} } }`,
    variables: (id) => ({ id: id("ManagedEnvironment") }),
  },
  {
    name: "captureSnapshot",
    query: `mutation($id: ID!) { captureSnapshot(input: { policyId: $id }) { ${RESULT} } }`,
    variables: (id) => ({ id: id("Policy") }),
  },
  { name: "setBackupSchedule", query: SCHEDULE, variables: (id) => ({ id: id("ManagedEnvironment"), cron: "0 2 * * *" }) },
  { name: "setBackupSchedule (invalid cron)", query: SCHEDULE, variables: (id) => ({ id: id("ManagedEnvironment"), cron: "nope" }) },
];

describe("backup isolation: a foreign id answers exactly like a nonexistent one", () => {
  itAnswersForeignLikeAbsent(probes, () => ({ outsiders, ids, random }));

  it("leaves the foreign records untouched", async () => {
    expect(await database.db.operationRun.count()).toBe(1);
    expect(await database.db.backupSchedule.count()).toBe(0);
  });

  it("the probes do see the records for their legitimate owner", async () => {
    for (const type of ["BackupSet", "BackupItem", "PolicyVersion", "Policy", "ManagedEnvironment"]) {
      const { body } = await owner.graphql(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: ids[type] });
      expect(body.errors, type).toBeUndefined();
      expect(body.data.node, type).toMatchObject({ __typename: type, id: ids[type] });
    }
    const set = await owner.graphql(
      `query($id: ID!) { node(id: $id) { ... on BackupSet { exportUrl(format: HTML) items { totalCount } } } }`,
      {
        id: ids.BackupSet,
      },
    );
    expect(set.body.data.node).toMatchObject({
      exportUrl: expect.stringMatching(/^\/exports\/backup-sets\/.+\.html\?/),
      items: { totalCount: 1 + ADDED_COVERAGE_TYPES.length },
    });
    const diff = await owner.graphql(
      `query($f: ID!, $t: ID!) { policyVersionDiff(fromId: $f, toId: $t) { changes { kind path before after } } }`,
      {
        f: ids.PolicyVersion,
        t: ids.PolicyVersion2,
      },
    );
    expect(diff.body.data.policyVersionDiff.changes).toEqual([{ kind: "CHANGED", path: "a", before: "1", after: "2" }]);
    const sets = await owner.graphql(`query($id: ID!) { backupSets(workspaceId: $id) { totalCount } }`, { id: ids.Workspace });
    expect(sets.body.data.backupSets.totalCount).toBe(1);
    const versions = await owner.graphql(`query($id: ID!) { node(id: $id) { ... on Policy { versions { id } } } }`, { id: ids.Policy });
    expect(versions.body.data.node.versions).toEqual([{ id: ids.PolicyVersion2 }, { id: ids.PolicyVersion }]);
  });
});
