import { createUser, DEMO_PASSWORD, importBaseline, loadUserActor } from "@atlas/core";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, startApiStack } from "../kit/api/api-stack.ts";
import { type ApiClient, loginAs } from "../kit/api/harness.ts";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { type TestDatabase, createTestDatabase, waitForCompletion } from "../kit/index.ts";

/** Baseline deployments over GraphQL: result unions, the derived state and the workspace list. */
let database: TestDatabase;
let stack: ApiStack;
let owner: ApiClient;
let secondOwner: ApiClient;
let readonly: ApiClient;
let otherOwner: ApiClient;
let workspaceId: string;
let baselineId: string;
let environmentIds: string[];

const RESULT = `__typename ... on Error { message } ... on ForbiddenError { capability } ... on ValidationError { fieldErrors { path message } }`;
const DEPLOYMENT = `id dryRun state proven requestedBy approvedBy approvedAt baselineVersion { number }
  targets { environment { name } restoreRun { id dryRun } create update unchanged skipped blockers outcome proven }`;

async function mutate(client: ApiClient, field: string, inputType: string, input: Record<string, unknown>) {
  const { body } = await client.graphql(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${RESULT} ... on BaselineDeploymentPayload { deployment { ${DEPLOYMENT} } } } }`,
    { input },
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data[field];
}

async function read(client: ApiClient, id: string) {
  const { body } = await client.graphql(`query($id: ID!) { node(id: $id) { ... on BaselineDeployment { ${DEPLOYMENT} } } }`, { id });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.node;
}

/** Waits for every preview (or execution) run of the deployment's restore runs. */
async function settled(deploymentId: string, which: "previewOperationRunId" | "operationRunId") {
  const runs = await database.db.restoreRun.findMany({ where: { baselineDeploymentId: rawIdOf(deploymentId, "BaselineDeployment")! } });
  for (const run of runs) await waitForCompletion(database.db, run[which]!, 180_000);
}

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startApiStack(database);
  await createUser(database.db, { email: "second-owner@demo.test", displayName: "Second Owner", password: DEMO_PASSWORD });
  const second = await database.db.user.findUniqueOrThrow({ where: { email: "second-owner@demo.test" } });
  await database.db.membership.create({ data: { userId: second.id, workspaceId: stack.api.demo.demo!.workspaceId, role: "owner" } });
  owner = await loginAs(stack.api.url, "owner@demo.test");
  secondOwner = await loginAs(stack.api.url, "second-owner@demo.test");
  readonly = await loginAs(stack.api.url, "readonly@demo.test");
  otherOwner = await loginAs(stack.api.url, "owner@other.test");
  workspaceId = toGlobalId("Workspace", stack.api.demo.demo!.workspaceId);
  const environments = stack.api.demo.demo!.environments;
  environmentIds = [environments.Contoso!, environments.Northwind!].map((id) => toGlobalId("ManagedEnvironment", id));
  // The sample's compliance policies: a small baseline of imported files.
  const files = jsonFilesBelow(openIntuneBaselineDir())
    .filter((file) => file.folder === "CompliancePolicies")
    .map((file) => ({ name: file.path, bytes: file.bytes }));
  const operator = await database.db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
  const baseline = await importBaseline(database.db, (await loadUserActor(database.db, operator.id))!, {
    workspaceId: stack.api.demo.demo!.workspaceId,
    name: "OIB compliance",
    files,
  });
  baselineId = toGlobalId("Baseline", baseline.id);
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

describe("baseline deployments over GraphQL", { timeout: 300_000 }, () => {
  it("requests a live deployment, refuses the requester's own approval, and runs it once a second owner approves", async () => {
    const requested = await mutate(owner, "requestBaselineDeployment", "RequestBaselineDeploymentInput", { baselineId, environmentIds });
    expect(requested.__typename, JSON.stringify(requested)).toBe("BaselineDeploymentPayload");
    const id = requested.deployment.id;
    expect(requested.deployment).toMatchObject({ dryRun: false, proven: false, approvedBy: null, baselineVersion: { number: 1 } });
    await settled(id, "previewOperationRunId");

    const waiting = await read(owner, id);
    expect(waiting).toMatchObject({ state: "AWAITING_APPROVAL", requestedBy: "Olivia Owner" });
    expect(waiting.targets.map((target: { environment: { name: string } }) => target.environment.name)).toEqual(["Contoso", "Northwind"]);
    for (const target of waiting.targets) expect(target).toMatchObject({ outcome: "PREVIEWED", create: 4, update: 0, blockers: [] });

    const own = await mutate(owner, "approveBaselineDeployment", "ApproveBaselineDeploymentInput", { deploymentId: id });
    expect(own).toMatchObject({ __typename: "ForbiddenError", capability: "deployment.approve" });
    expect(own.message).toMatch(/second person/);
    expect(await mutate(readonly, "approveBaselineDeployment", "ApproveBaselineDeploymentInput", { deploymentId: id })).toMatchObject({
      __typename: "ForbiddenError",
      capability: "deployment.approve",
    });
    expect(await mutate(otherOwner, "approveBaselineDeployment", "ApproveBaselineDeploymentInput", { deploymentId: id })).toMatchObject({
      __typename: "NotFoundError",
    });

    const approved = await mutate(secondOwner, "approveBaselineDeployment", "ApproveBaselineDeploymentInput", { deploymentId: id });
    expect(approved.__typename, JSON.stringify(approved)).toBe("BaselineDeploymentPayload");
    expect(approved.deployment).toMatchObject({ approvedBy: "Second Owner", approvedAt: expect.any(String) });
    await settled(id, "operationRunId");
    const done = await read(owner, id);
    expect(done, JSON.stringify(done)).toMatchObject({ state: "SUCCEEDED", proven: true });
    for (const target of done.targets) expect(target).toMatchObject({ outcome: "SUCCEEDED", proven: true });
  });

  it("previews a dry run, answers refusals as result unions, and lists a workspace's deployments to its members only", async () => {
    const dry = await mutate(owner, "deployBaseline", "DeployBaselineInput", { baselineId, environmentIds, dryRun: true });
    expect(dry.__typename, JSON.stringify(dry)).toBe("BaselineDeploymentPayload");
    await settled(dry.deployment.id, "previewOperationRunId");
    const previewed = await read(owner, dry.deployment.id);
    expect(previewed).toMatchObject({ dryRun: true, state: "SUCCEEDED", proven: false });
    // The live deployment above created the policies: the dry run finds them unchanged.
    for (const target of previewed.targets) {
      expect(target).toMatchObject({ outcome: "PREVIEWED", create: 0, unchanged: 4, restoreRun: { dryRun: true } });
    }

    expect(await mutate(readonly, "deployBaseline", "DeployBaselineInput", { baselineId, environmentIds, dryRun: true })).toMatchObject({
      __typename: "ForbiddenError",
      capability: "baseline.manage",
    });
    expect(await mutate(otherOwner, "deployBaseline", "DeployBaselineInput", { baselineId, environmentIds, dryRun: true })).toMatchObject({
      __typename: "NotFoundError",
    });
    const empty = await mutate(owner, "deployBaseline", "DeployBaselineInput", { baselineId, environmentIds: [], dryRun: true });
    expect(empty).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "environmentIds"] }] });

    const list = `query($w: ID!) { baselineDeployments(workspaceId: $w, first: 10) { totalCount edges { node { id dryRun } } } }`;
    const { body } = await readonly.graphql(list, { w: workspaceId });
    expect(body.data.baselineDeployments.totalCount).toBe(2);
    expect(body.data.baselineDeployments.edges[0].node).toMatchObject({ id: dry.deployment.id, dryRun: true });
    expect(await read(otherOwner, dry.deployment.id)).toBeNull();
    const foreign = await otherOwner.graphql(list, { w: workspaceId });
    expect(foreign.body.data?.baselineDeployments ?? null).toBeNull();
  });
});
