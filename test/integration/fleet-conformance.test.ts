import {
  type Actor,
  assignBaseline,
  createBaselineFromBackup,
  createUser,
  loadUserActor,
  readRunContext,
  recordDriftFindings,
} from "@atlas/core";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { type Db, createDb } from "@atlas/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, startApiStack } from "../kit/api/api-stack.ts";
import { type ApiClient, loginAs } from "../kit/api/harness.ts";
import { type TestDatabase, createTestDatabase, tenantId, waitForCompletion } from "../kit/index.ts";
import { fewestStatements } from "../kit/fewest-statements.ts";
import { backupOf } from "../kit/restore-fixture.ts";

/**
 * The fleet view and drift notifications against the real worker and simulator: Northwind follows
 * two baselines made from its own backup, Contoso (other objects) follows one of them.
 */
let database: TestDatabase;
let stack: ApiStack;
let statements: string[] = [];
/** The same database through a client whose SQL statements land in `statements`. */
let counted: Db;
let operator: ApiClient;
let owner: ApiClient;
let readonly: ApiClient;
let otherOwner: ApiClient;
let workspaceId: string;
let northwind: string;
let contoso: string;
let standardId: string;
let devicesId: string;
let drifted: { providerId: string; displayName: string; field: string; value: boolean };
/** A manager whose membership covers Contoso only. */
let contosoManagerId: string;

const ROW = `environment { id name } baseline { id name } checkedVersion { number itemCount }
  counts { items equal changed missing ambiguous } unmanaged openFindings drifted
  lastCheck { id outcome completedAt reconciliation { decision } proofGaps { code } } activeCheck { id }`;
const FLEET = `query($w: ID!, $f: FleetConformanceFilter) { fleetConformance(workspaceId: $w, filter: $f) { ${ROW} } }`;

interface Row {
  environment: { id: string; name: string };
  baseline: { id: string; name: string };
  checkedVersion: { number: number; itemCount: number } | null;
  counts: { items: number; equal: number; changed: number; missing: number; ambiguous: number } | null;
  unmanaged: number;
  openFindings: number;
  drifted: boolean;
  lastCheck: {
    id: string;
    outcome: string;
    completedAt: string;
    reconciliation: { decision: string };
    proofGaps: { code: string }[];
  } | null;
  activeCheck: { id: string } | null;
}

async function fleet(client: ApiClient, filter?: Record<string, unknown>): Promise<Row[]> {
  const { body } = await client.graphql(FLEET, { w: workspaceId, f: filter });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.fleetConformance;
}

const rowOf = (rows: Row[], environment: string, baseline: string) =>
  rows.find((row) => row.environment.name === environment && row.baseline.name === baseline);

/** Runs a drift check of the environment through the API and the worker; returns the finished run's global id. */
async function check(environmentId: string): Promise<string> {
  const { body } = await operator.graphql(
    `mutation($input: StartDriftCheckInput!) { startDriftCheck(input: $input) { __typename ... on StartOperationPayload { run { id } } } }`,
    { input: { environmentId: toGlobalId("ManagedEnvironment", environmentId) } },
  );
  const runId = body.data.startDriftCheck.run.id as string;
  await waitForCompletion(database.db, rawIdOf(runId, "OperationRun")!, 120_000);
  return runId;
}

async function driftNotifications(client: ApiClient) {
  const { body } = await client.graphql(
    `{ notifications(first: 50) { edges { node { kind link params { name value } operationRun { id } } } } }`,
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return (
    body.data.notifications.edges as Array<{
      node: { kind: string; link: string; params: { name: string; value: string }[]; operationRun: { id: string } | null };
    }>
  )
    .map((edge) => edge.node)
    .filter((node) => node.kind === "drift.new_findings");
}

async function actorOf(email: string): Promise<Actor> {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadUserActor(database.db, user.id))!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  counted = createDb(database.url, { max: 5, onStatement: (sql) => statements.push(sql) });
  stack = await startApiStack({ url: database.url, db: counted, drop: () => database.drop() });
  operator = await loginAs(stack.api.url, "operator@demo.test");
  owner = await loginAs(stack.api.url, "owner@demo.test");
  readonly = await loginAs(stack.api.url, "readonly@demo.test");
  otherOwner = await loginAs(stack.api.url, "owner@other.test");
  const demo = stack.api.demo.demo!;
  workspaceId = toGlobalId("Workspace", demo.workspaceId);
  northwind = demo.environments.Northwind!;
  contoso = demo.environments.Contoso!;
  const actor = await actorOf("operator@demo.test");
  const backupSetId = await backupOf(database.db, actor, northwind);
  const items = await database.db.backupItem.findMany({ where: { backupSetId }, include: { policyVersion: true } });
  const devices = items.filter((item) => item.objectType === "deviceConfigurations");
  const standard = await createBaselineFromBackup(database.db, actor, { backupSetId, name: "Northwind standard" });
  const onlyDevices = await createBaselineFromBackup(database.db, actor, {
    backupSetId,
    name: "Northwind devices",
    backupItemIds: devices.map((item) => item.id),
  });
  standardId = standard.id;
  devicesId = onlyDevices.id;
  await assignBaseline(database.db, actor, { baselineId: standard.id, environmentIds: [northwind, contoso] });
  await assignBaseline(database.db, actor, { baselineId: onlyDevices.id, environmentIds: [northwind] });
  contosoManagerId = await createUser(database.db, { email: "manager@demo.test", displayName: "Mia Manager", password: "demo-password" });
  await database.db.membership.create({
    data: { userId: contosoManagerId, workspaceId: demo.workspaceId, role: "manager", environmentIds: [contoso] },
  });
  const device = devices[0]!;
  const payload = device.policyVersion.normalizedPayload as Record<string, unknown>;
  // supportsScopeTags and isAssigned are the server's, not settings an admin changes.
  const field = Object.keys(payload).find(
    (key) => typeof payload[key] === "boolean" && !["supportsScopeTags", "isAssigned"].includes(key),
  )!;
  drifted = { providerId: device.providerId, displayName: device.displayName, field, value: payload[field] as boolean };
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

describe("fleet conformance", { timeout: 300_000 }, () => {
  it("lists every environment with each assigned baseline, not yet checked", async () => {
    const rows = await fleet(readonly);
    expect(rows.map((row) => `${row.environment.name} / ${row.baseline.name}`)).toEqual([
      "Contoso / Northwind standard",
      "Northwind / Northwind devices",
      "Northwind / Northwind standard",
    ]);
    for (const row of rows)
      expect(row).toMatchObject({ counts: null, checkedVersion: null, lastCheck: null, openFindings: 0, drifted: false });
  });

  it("after a clean check: every object equal, the check proven, and no drift notification", async () => {
    const runId = await check(northwind);
    const rows = await fleet(operator, { environmentIds: [toGlobalId("ManagedEnvironment", northwind)] });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.counts).toEqual({
        items: row.checkedVersion!.itemCount,
        equal: row.checkedVersion!.itemCount,
        changed: 0,
        missing: 0,
        ambiguous: 0,
      });
      expect(row.lastCheck).toMatchObject({ id: runId, outcome: "SUCCEEDED", reconciliation: { decision: "RECONCILED" }, proofGaps: [] });
      expect(row.drifted).toBe(false);
    }
    expect(rowOf(rows, "Northwind", "Northwind devices")!.counts!.items).toBeLessThan(
      rowOf(rows, "Northwind", "Northwind standard")!.counts!.items,
    );
    expect(await driftNotifications(owner)).toEqual([]);
    expect(await driftNotifications(operator)).toEqual([]);
  });

  it("a changed setting shows as 1 changed in both baselines and notifies each member who manages baselines once", async () => {
    stack.sim.mutate(tenantId("Northwind"), "deviceConfigurations", drifted.providerId, { [drifted.field]: !drifted.value });
    const runId = await check(northwind);
    const rows = await fleet(operator, { onlyDrifted: true });
    for (const baseline of ["Northwind standard", "Northwind devices"]) {
      const row = rowOf(rows, "Northwind", baseline)!;
      expect(row.counts).toMatchObject({ changed: 1, missing: 0, equal: row.counts!.items - 1 });
      expect(row).toMatchObject({ openFindings: 1, drifted: true, lastCheck: { id: runId } });
    }

    const environmentPath = `/fleet/environments/${encodeURIComponent(toGlobalId("ManagedEnvironment", northwind))}`;
    for (const member of [owner, operator]) {
      const notes = await driftNotifications(member);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ link: environmentPath, operationRun: { id: runId } });
      expect(notes[0]!.params).toEqual(
        expect.arrayContaining([
          { name: "environment", value: "Northwind" },
          // One finding per baseline: the same changed object against both.
          { name: "count", value: "2" },
        ]),
      );
    }
    expect(await driftNotifications(readonly)).toEqual([]);
    // A manager of Contoso only hears of Contoso.
    expect(await database.db.notification.count({ where: { userId: contosoManagerId, kind: "drift.new_findings" } })).toBe(0);

    // The same drift seen again is nothing new: no second notification.
    await check(northwind);
    expect(await driftNotifications(owner)).toHaveLength(1);
    expect(await driftNotifications(operator)).toHaveLength(1);
  });

  it("Contoso lacks most of Northwind's objects and holds its own: missing and unmanaged add up; filters narrow the rows", async () => {
    await check(contoso);
    expect(await database.db.notification.count({ where: { userId: contosoManagerId, kind: "drift.new_findings" } })).toBe(1);
    const [row] = await fleet(operator, { environmentIds: [toGlobalId("ManagedEnvironment", contoso)] });
    const counts = row!.counts!;
    expect(counts.missing).toBeGreaterThan(0);
    expect(counts.equal + counts.changed + counts.missing + counts.ambiguous).toBe(counts.items);
    expect(row!.unmanaged).toBeGreaterThan(0);
    expect(row!.openFindings).toBe(counts.changed + counts.missing + counts.ambiguous + row!.unmanaged);
    const open = await database.db.driftFinding.count({ where: { managedEnvironmentId: contoso, state: "OPEN" } });
    expect(row!.openFindings).toBe(open);

    const byBaseline = await fleet(operator, { baselineIds: [toGlobalId("Baseline", devicesId)] });
    expect(byBaseline.map((one) => one.environment.name)).toEqual(["Northwind"]);
    const drift = await fleet(operator, { onlyDrifted: true, baselineIds: [toGlobalId("Baseline", standardId)] });
    expect(drift.map((one) => one.environment.name)).toEqual(["Contoso", "Northwind"]);
    expect(await fleet(operator, { environmentIds: [] })).toEqual([]);
    expect(await fleet(operator, { environmentIds: ["not-an-id"] })).toEqual([]);
  });

  it("records a check's findings in a few SQL statements however many there are", async () => {
    // Contoso's last check again, as if it had seen nothing: every baseline object missing (most
    // seen before, so updated), and its unmanaged objects resolved. One statement per finding made
    // this transaction outlast Prisma's limit on a busy database, and the check never finished.
    const run = await database.db.operationRun.findFirstOrThrow({
      where: { managedEnvironmentId: contoso, type: "drift.check", status: "completed" },
      orderBy: { createdAt: "desc" },
    });
    statements = [];
    const counts = await recordDriftFindings(counted, run, readRunContext("drift.check", run.context), []);
    expect(counts.recorded).toBeGreaterThan(20);
    expect(counts.resolved).toBeGreaterThan(100);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
  });

  it("reads one row and all rows in the same number of SQL statements", async () => {
    const count = async (filter: Record<string, unknown>) => {
      await fleet(operator, filter);
      let rows = 0;
      const fewest = await fewestStatements(async () => {
        statements = [];
        rows = (await fleet(operator, filter)).length;
        return statements.length;
      });
      return { rows, statements: fewest };
    };
    const one = await count({ baselineIds: [toGlobalId("Baseline", devicesId)] });
    const all = await count({});
    expect([one.rows, all.rows]).toEqual([1, 3]);
    console.log(`fleetConformance: ${one.statements} SQL statements for 1 row, ${all.statements} for 3 rows`);
    expect(all.statements).toBe(one.statements);
    expect(all.statements).toBeLessThanOrEqual(12);
  });

  it("shows a member restricted to Contoso only Contoso's rows", async () => {
    const manager = await loginAs(stack.api.url, "manager@demo.test");
    expect((await fleet(manager)).map((row) => row.environment.name)).toEqual(["Contoso"]);
    expect(await fleet(manager, { environmentIds: [toGlobalId("ManagedEnvironment", northwind)] })).toEqual([]);
  });

  it("answers another workspace's owner as missing", async () => {
    const { body } = await otherOwner.graphql(FLEET, { w: workspaceId });
    expect(body.data?.fleetConformance ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
