import {
  type Actor,
  assignBaseline,
  confirmRestoreRun,
  createBaselineFromBackup,
  loadUserActor,
  setDriftSchedule,
  startScheduledDriftChecks,
  startRestorePreview,
  storedReconciliation,
} from "@atlas/core";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { demoTenant } from "@atlas/graph-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, startApiStack } from "../kit/api/api-stack.ts";
import { type ApiClient, loginAs } from "../kit/api/harness.ts";
import { type TestDatabase, createTestDatabase, tenantId, waitForCompletion } from "../kit/index.ts";
import { adminClientFor, backupOf } from "../kit/restore-fixture.ts";

/** Drift of Fabrikam against a baseline of its own backup: real worker, simulator over HTTP, GraphQL. */
let database: TestDatabase;
let stack: ApiStack;
let operator: ApiClient;
let readonly: ApiClient;
let otherOwner: ApiClient;
let operatorActor: Actor;
let ownerActor: Actor;
let fabrikam: string;
let workspaceId: string;
let policies: Array<{ providerId: string; displayName: string; normalized: Record<string, unknown> }>;

const RESULT = `__typename ... on Error { message } ... on ForbiddenError { capability } ... on ValidationError { fieldErrors { path message } }`;
const FINDING = `id state kind objectType displayName settingChanges { path expected actual } restoreRun { id }`;

async function gql(client: ApiClient, query: string, variables: Record<string, unknown>) {
  const { body } = await client.graphql(query, variables);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function startCheck(client: ApiClient) {
  const data = await gql(
    client,
    `mutation($input: StartDriftCheckInput!) { startDriftCheck(input: $input) { ${RESULT} ... on StartOperationPayload { run { id } deduplicated } } }`,
    { input: { environmentId: toGlobalId("ManagedEnvironment", fabrikam) } },
  );
  return data.startDriftCheck;
}

/** Runs a drift check to its end through the API and the worker; returns the run and its wall time. */
async function check() {
  const started = performance.now();
  const result = await startCheck(operator);
  expect(result.__typename, JSON.stringify(result)).toBe("StartOperationPayload");
  const run = await waitForCompletion(database.db, rawIdOf(result.run.id, "OperationRun")!, 120_000);
  return { run, seconds: (performance.now() - started) / 1000 };
}

async function findings(states: string[] = ["OPEN"]) {
  const data = await gql(
    operator,
    `query($w: ID!, $f: DriftFindingFilter) { driftFindings(workspaceId: $w, filter: $f) { totalCount edges { node { ${FINDING} } } } }`,
    { w: workspaceId, f: { environmentIds: [toGlobalId("ManagedEnvironment", fabrikam)], states } },
  );
  return data.driftFindings.edges.map((edge: { node: Record<string, unknown> }) => edge.node) as Array<{
    id: string;
    state: string;
    kind: string;
    displayName: string;
    settingChanges: Array<{ path: string; expected: string; actual: string }>;
    restoreRun: { id: string } | null;
  }>;
}

/** Flips one boolean setting of a device configuration in the simulator, as an admin would in the portal. */
function flip(policy: (typeof policies)[number]) {
  const field = Object.keys(policy.normalized).find((key) => typeof policy.normalized[key] === "boolean")!;
  stack.sim.mutate(tenantId("Fabrikam"), "deviceConfigurations", policy.providerId, { [field]: !policy.normalized[field] });
  return field;
}

async function actorOf(email: string): Promise<Actor> {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadUserActor(database.db, user.id))!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startApiStack(database);
  operator = await loginAs(stack.api.url, "operator@demo.test");
  readonly = await loginAs(stack.api.url, "readonly@demo.test");
  otherOwner = await loginAs(stack.api.url, "owner@other.test");
  operatorActor = await actorOf("operator@demo.test");
  ownerActor = await actorOf("owner@demo.test");
  fabrikam = stack.api.demo.demo!.environments.Fabrikam!;
  workspaceId = toGlobalId("Workspace", stack.api.demo.demo!.workspaceId);
  const backupSetId = await backupOf(database.db, operatorActor, fabrikam);
  const baseline = await createBaselineFromBackup(database.db, operatorActor, { backupSetId, name: "Fabrikam standard" });
  await assignBaseline(database.db, operatorActor, { baselineId: baseline.id, environmentIds: [fabrikam] });
  const items = await database.db.backupItem.findMany({
    where: { backupSetId, objectType: "deviceConfigurations" },
    include: { policyVersion: true },
    orderBy: { displayName: "asc" },
  });
  policies = items
    .map((item) => ({
      providerId: item.providerId,
      displayName: item.displayName,
      normalized: item.policyVersion.normalizedPayload as Record<string, unknown>,
    }))
    .filter((policy) => Object.values(policy.normalized).some((value) => typeof value === "boolean"));
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

describe("drift check", { timeout: 300_000 }, () => {
  it("proves a complete check of Fabrikam against its own baseline and finds no drift", async () => {
    const { run, seconds } = await check();
    const objects = stack.sim.objectCount(tenantId("Fabrikam"));
    console.log(`drift check of Fabrikam (${objects} objects in the tenant): ${seconds.toFixed(1)} s wall time`);
    expect(run.outcome, JSON.stringify(storedReconciliation(run.context)?.latest.proofGaps)).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.adapter).toBe("driftCheckAdapter");
    expect(await findings(["OPEN", "ACCEPTED", "REVERTED", "RESOLVED"])).toEqual([]);
  });

  it("reports exactly one finding naming the changed policy and setting; once accepted, the next check reports none", async () => {
    const policy = policies[0]!;
    const field = flip(policy);
    expect((await check()).run.outcome).toBe("succeeded");
    const open = await findings();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      state: "OPEN",
      kind: "CHANGED",
      displayName: policy.displayName,
      settingChanges: [
        { path: field, expected: JSON.stringify(policy.normalized[field]), actual: JSON.stringify(!policy.normalized[field]) },
      ],
    });

    const accepted = await gql(
      operator,
      `mutation($input: AcceptDriftInput!) { acceptDrift(input: $input) { ${RESULT} ... on DriftFindingsPayload { findings { ${FINDING} } } } }`,
      { input: { findingIds: [open[0]!.id], reason: "Fabrikam needs this setting off for its kiosks" } },
    );
    expect(accepted.acceptDrift.findings).toMatchObject([{ id: open[0]!.id, state: "ACCEPTED" }]);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "drift.accept" } });
    expect(audit).toMatchObject({ actorType: "user", managedEnvironmentId: fabrikam });
    expect(audit.metadata).toMatchObject({ reason: "Fabrikam needs this setting off for its kiosks", displayName: policy.displayName });

    expect((await check()).run.outcome).toBe("succeeded");
    expect(await findings()).toEqual([]);
    expect(await findings(["ACCEPTED"])).toHaveLength(1);
  });

  it("reverts a changed policy through a restore run (preview, confirmation, execution); the next check reports none", async () => {
    const policy = policies[1]!;
    const field = flip(policy);
    await check();
    const [finding] = await findings();
    expect(finding).toMatchObject({ displayName: policy.displayName, settingChanges: [{ path: field }] });

    const reverted = await gql(
      operator,
      `mutation($input: RevertDriftInput!) { revertDrift(input: $input) { ${RESULT} ... on RevertDriftPayload { restoreRun { id status } findings { ${FINDING} } } } }`,
      { input: { findingIds: [finding!.id] } },
    );
    expect(reverted.revertDrift.__typename, JSON.stringify(reverted.revertDrift)).toBe("RevertDriftPayload");
    expect(reverted.revertDrift.findings).toMatchObject([{ state: "REVERTED" }]);
    const restoreRunId = (await database.db.driftFinding.findUniqueOrThrow({ where: { id: rawIdOf(finding!.id, "DriftFinding")! } }))
      .restoreRunId!;
    const scoped = await database.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRunId }, include: { items: true } });
    expect(scoped.items.map((item) => item.displayName)).toEqual([policy.displayName]);

    const { start } = await startRestorePreview(database.db, operatorActor, { restoreRunId });
    expect((await waitForCompletion(database.db, start.run.id, 90_000)).outcome).toBe("succeeded");
    const previewed = await database.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRunId } });
    const confirmed = await confirmRestoreRun(database.db, ownerActor, {
      restoreRunId,
      acknowledgeImpact: true,
      typedTargetName: previewed.targetLabel,
    });
    expect((await waitForCompletion(database.db, confirmed.start.run.id, 120_000)).outcome).toBe("succeeded");
    const live = await adminClientFor(stack.sim, demoTenant("Fabrikam")).getObject("deviceConfigurations", policy.providerId);
    expect((live as Record<string, unknown>)[field]).toBe(policy.normalized[field]);

    expect((await check()).run.outcome).toBe("succeeded");
    expect(await findings()).toEqual([]);
    expect(await findings(["RESOLVED"])).toMatchObject([{ displayName: policy.displayName, restoreRun: { id: expect.any(String) } }]);
  });

  it("a dropped page is a named gap: the check is not SUCCEEDED and records no finding for what it could not see", async () => {
    stack.sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
    const { run } = await check();
    stack.sim.clearFaults();
    expect(run.outcome).not.toBe("succeeded");
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    expect(gaps).toContainEqual(
      expect.objectContaining({ code: "PROVIDER_COUNT_NOT_MET", params: expect.objectContaining({ type: "deviceHealthScripts" }) }),
    );
    expect(await findings(["OPEN"])).toEqual([]);
  });

  it("refuses readonly users and answers another workspace's ids as missing, changing nothing", async () => {
    const [accepted] = await findings(["ACCEPTED"]);
    const [resolved] = await findings(["RESOLVED"]);
    expect(await startCheck(readonly)).toMatchObject({ __typename: "ForbiddenError", capability: "baseline.manage" });
    const ACCEPT = `mutation($input: AcceptDriftInput!) { acceptDrift(input: $input) { ${RESULT} } }`;
    const REVERT = `mutation($input: RevertDriftInput!) { revertDrift(input: $input) { ${RESULT} } }`;
    const openOne = policies[2]!;
    flip(openOne);
    await check();
    const [open] = await findings();
    expect(open).toBeDefined();
    expect((await gql(readonly, ACCEPT, { input: { findingIds: [open!.id], reason: "no" } })).acceptDrift).toMatchObject({
      __typename: "ForbiddenError",
    });
    expect((await gql(readonly, REVERT, { input: { findingIds: [open!.id] } })).revertDrift).toMatchObject({
      __typename: "ForbiddenError",
    });
    expect(await startCheck(otherOwner)).toMatchObject({ __typename: "NotFoundError" });
    expect((await gql(otherOwner, ACCEPT, { input: { findingIds: [open!.id], reason: "mine" } })).acceptDrift.__typename).toBe(
      "NotFoundError",
    );
    expect((await gql(otherOwner, REVERT, { input: { findingIds: [open!.id] } })).revertDrift.__typename).toBe("NotFoundError");
    const { body } = await otherOwner.graphql(`query($w: ID!) { driftFindings(workspaceId: $w) { totalCount } }`, { w: workspaceId });
    expect(body.data?.driftFindings ?? null).toBeNull();
    expect(await findings()).toMatchObject([{ id: open!.id, state: "OPEN" }]);
    expect([accepted?.state, resolved?.state]).toEqual(["ACCEPTED", "RESOLVED"]);
    expect(await database.db.driftAcceptance.count()).toBe(1);
  });

  it("the schedule checks every due environment that follows a baseline, each workspace at its own interval", async () => {
    // Right after the checks above nothing is due; seven hours later the default 6 hours have passed.
    expect(await startScheduledDriftChecks(database.db)).toEqual([]);
    const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
    const started = await startScheduledDriftChecks(database.db, inHours(7));
    expect(started.map((entry) => entry.environmentId)).toEqual([fabrikam]);
    const run = await waitForCompletion(database.db, started[0]!.runId, 120_000);
    expect(run).toMatchObject({ type: "drift.check", outcome: "succeeded", initiatorUserId: null });
    const elsewhere = await database.db.operationRun.count({ where: { type: "drift.check", managedEnvironmentId: { not: fabrikam } } });
    expect(elsewhere).toBe(0);

    // Every 12 hours: seven hours on, nothing is due; switched off, nothing ever is.
    const workspace = rawIdOf(workspaceId, "Workspace")!;
    await setDriftSchedule(database.db, ownerActor, { workspaceId: workspace, enabled: true, intervalHours: 12 });
    expect(await startScheduledDriftChecks(database.db, inHours(7))).toEqual([]);
    await setDriftSchedule(database.db, ownerActor, { workspaceId: workspace, enabled: false, intervalHours: 12 });
    expect(await startScheduledDriftChecks(database.db, inHours(48))).toEqual([]);

    // Over GraphQL: auditors read it; operators cannot change it; 0 hours is refused and changes nothing.
    const read = await gql(readonly, `query($w: ID!) { node(id: $w) { ... on Workspace { driftSchedule { enabled intervalHours } } } }`, {
      w: workspaceId,
    });
    expect(read.node.driftSchedule).toEqual({ enabled: false, intervalHours: 12 });
    const SET = `mutation($input: SetDriftScheduleInput!) { setDriftSchedule(input: $input) { ${RESULT} ... on DriftSchedulePayload { schedule { enabled intervalHours } } } }`;
    const refused = await gql(operator, SET, { input: { workspaceId, enabled: true, intervalHours: 6 } });
    expect(refused.setDriftSchedule).toMatchObject({ __typename: "ForbiddenError", capability: "workspace.manage" });
    const invalid = await setDriftSchedule(database.db, ownerActor, { workspaceId: workspace, enabled: true, intervalHours: 0 }).catch(
      (error: unknown) => error,
    );
    expect(invalid).toMatchObject({ name: "ValidationError", fieldErrors: [{ path: ["intervalHours"] }] });
    expect(await database.db.driftSchedule.findUnique({ where: { workspaceId: workspace } })).toMatchObject({
      enabled: false,
      intervalHours: 12,
    });
    const audited = await database.db.auditEvent.count({ where: { action: "drift_schedule.saved", workspaceId: workspace } });
    expect(audited).toBe(2);
  });
});
