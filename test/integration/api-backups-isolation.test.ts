import { randomUUID } from "node:crypto";
import {
  type Actor,
  completeBackupSet,
  createApiToken,
  createUser,
  ensureBackupSet,
  loadUserActor,
  readRunContext,
  recordCapturedObject,
  recordObservedObjects,
  startBackup,
} from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestApi, loginAs, startTestApi } from "../../apps/api/src/testing/harness.ts";
import { toGlobalId } from "../../apps/api/src/ids.ts";
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
  await completeBackupSet(database.db, set.id, { deviceConfigurations: 1 });
  const item = await database.db.backupItem.findFirstOrThrow({ where: { backupSetId: set.id } });
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

  // A member of `demo` limited to Fabrikam: Contoso's records are foreign to it too.
  const limitedId = await createUser(database.db, {
    email: "limited@demo.test",
    displayName: "Lima Limited",
    password: "limited-password",
  });
  await database.db.membership.create({
    data: { userId: limitedId, workspaceId: demo.workspaceId, role: "owner", environmentIds: [demo.environments.Fabrikam!] },
  });
  const otherToken = await createApiToken(database.db, { workspaceId: api.demo.other!.workspaceId, name: "other partner", role: "owner" });
  owner = await loginAs(api.url, "owner@demo.test");
  outsiders = {
    otherOwner: await loginAs(api.url, "owner@other.test"),
    otherToken: new ApiClient(api.url, { token: otherToken.token }),
    limited: await loginAs(api.url, "limited@demo.test", "limited-password"),
  };
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

/** Responses without what legitimately differs per request. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, inner) => (key === "requestId" ? undefined : inner));
}

const NODE_FIELDS = `__typename id
  ... on BackupSet { name status exportUrl(format: MARKDOWN) completeness { objectType } items(first: 5) { totalCount edges { node { id } } } }
  ... on BackupItem { displayName policyVersion { id } }
  ... on PolicyVersion { contentHash normalizedPayload history { id } }
  ... on Policy { versions { id } }
  ... on ManagedEnvironment { backupSets { totalCount } backupSchedule { cronExpression } }`;
const RESULT = `__typename ... on Error { message } ... on StartOperationPayload { run { id } }`;
const SCHEDULE = `mutation($id: ID!, $cron: String!) { setBackupSchedule(input: { environmentId: $id, enabled: true, cronExpression: $cron }) {
  __typename ... on Error { message } ... on ValidationError { fieldErrors { path } } } }`;

interface Probe {
  name: string;
  query: string;
  variables: (id: (type: string) => string) => Record<string, unknown>;
  /** The limited demo member legitimately sees the workspace itself. */
  skipFor?: string[];
}

const probes: Probe[] = [
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
  {
    name: "backupSets(workspaceId)",
    query: `query($id: ID!) { backupSets(workspaceId: $id) { totalCount edges { node { id } } } }`,
    variables: (id) => ({ id: id("Workspace") }),
    skipFor: ["limited"],
  },
  {
    name: "backupSets(filter.environmentIds)",
    query: `query($w: ID!, $e: ID!) { backupSets(workspaceId: $w, filter: { environmentIds: [$e] }) { totalCount edges { node { id } } } }`,
    variables: (id) => ({ w: ids.Workspace, e: id("ManagedEnvironment") }),
    skipFor: ["otherOwner", "otherToken"],
  },
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
  it.each(probes.map((probe) => [probe.name, probe] as const))("%s", async (_name, probe) => {
    for (const [who, client] of Object.entries(outsiders)) {
      if (probe.skipFor?.includes(who)) continue;
      const foreign = await client.graphql(
        probe.query,
        probe.variables((type) => ids[type]!),
      );
      const absent = await client.graphql(
        probe.query,
        probe.variables((type) => random[type]!),
      );
      expect(normalize(foreign), `${who}: ${probe.name}`).toEqual(normalize(absent));
      expect(JSON.stringify(foreign.body), `${who}: ${probe.name}`).not.toContain("INTERNAL_SERVER_ERROR");
    }
  });

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
      items: { totalCount: 1 },
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
