import { type Actor, loadUserActor } from "@atlas/core";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, startApiStack } from "../kit/api/api-stack.ts";
import { type ApiClient, type TestApi, loginAs } from "../kit/api/harness.ts";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { type TestDatabase, createTestDatabase } from "../kit/index.ts";
import { backupOf } from "../kit/restore-fixture.ts";

/** Baselines over GraphQL: from a real backup (worker + simulator), from files, edited, diffed, assigned. */
let database: TestDatabase;
let stack: ApiStack;
let api: TestApi;
let operator: ApiClient;
let readonly: ApiClient;
let otherOwner: ApiClient;
let workspaceId: string;
let environmentIds: Record<string, string>;
let backupSetId: string;
let backupItems: Array<{ id: string; objectType: string; displayName: string; policyVersionId: string }>;

const RESULT = `__typename ... on Error { message } ... on ValidationError { fieldErrors { path message } } ... on ForbiddenError { capability }`;
const BASELINE = `id name environments { name } latestVersion { id number origin itemCount
  items { id objectType displayName contentHash source { kind fileName format backupItemId policyVersionId } }
  notRecognizedFiles { fileName reason message } }`;

async function mutate(client: ApiClient, field: string, inputType: string, input: Record<string, unknown>) {
  const { body } = await client.graphql(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${RESULT} ... on BaselinePayload { baseline { ${BASELINE} } } } }`,
    { input },
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data[field];
}

async function actorOf(email: string): Promise<Actor> {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadUserActor(database.db, user.id))!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startApiStack(database);
  api = stack.api;
  operator = await loginAs(api.url, "operator@demo.test");
  readonly = await loginAs(api.url, "readonly@demo.test");
  otherOwner = await loginAs(api.url, "owner@other.test");
  workspaceId = toGlobalId("Workspace", api.demo.demo!.workspaceId);
  environmentIds = {
    ...Object.fromEntries(Object.entries(api.demo.demo!.environments).map(([name, id]) => [name, toGlobalId("ManagedEnvironment", id)])),
    Tailspin: toGlobalId("ManagedEnvironment", api.demo.other!.environments.Tailspin!),
  };
  const rawSetId = await backupOf(database.db, await actorOf("operator@demo.test"), api.demo.demo!.environments.Contoso!);
  backupSetId = toGlobalId("BackupSet", rawSetId);
  backupItems = (await database.db.backupItem.findMany({ where: { backupSetId: rawSetId }, orderBy: { displayName: "asc" } })).map(
    (item) => ({
      id: toGlobalId("BackupItem", item.id),
      objectType: item.objectType,
      displayName: item.displayName,
      policyVersionId: item.policyVersionId,
    }),
  );
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

describe("baselines over GraphQL", () => {
  let chosenBaseline: { id: string; latestVersion: { id: string; items: Array<{ id: string; displayName: string; contentHash: string }> } };

  it("creates a baseline from chosen backup items, each item equal to its captured policy version", async () => {
    const chosen = backupItems.filter((item) => item.objectType === "configurationPolicies").slice(0, 3);
    const result = await mutate(operator, "createBaselineFromBackup", "CreateBaselineFromBackupInput", {
      backupSetId,
      name: "Contoso standard",
      backupItemIds: chosen.map((item) => item.id),
    });
    expect(result.__typename).toBe("BaselinePayload");
    const { baseline } = result;
    expect(baseline.latestVersion).toMatchObject({ number: 1, origin: "backup", itemCount: 3, notRecognizedFiles: [] });
    expect(baseline.latestVersion.items.map((item: { displayName: string }) => item.displayName)).toEqual(
      chosen.map((item) => item.displayName).sort(),
    );
    for (const item of baseline.latestVersion.items) {
      const versionId = rawIdOf(item.source.policyVersionId, "PolicyVersion")!;
      const version = await database.db.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
      expect(item).toMatchObject({ objectType: "configurationPolicies", contentHash: version.contentHash, source: { kind: "backup" } });
    }
    chosenBaseline = baseline;
  });

  it("takes the whole backup when no items are chosen, and refuses a taken name or a foreign item", async () => {
    const whole = await mutate(operator, "createBaselineFromBackup", "CreateBaselineFromBackupInput", {
      backupSetId,
      name: "Contoso everything",
    });
    expect(whole.__typename, JSON.stringify(whole)).toBe("BaselinePayload");
    // Everything but the mobile apps, which are not baseline material yet (kinds share names).
    expect(whole.baseline.latestVersion.itemCount).toBe(backupItems.filter((item) => item.objectType !== "mobileApps").length);

    const taken = await mutate(operator, "createBaselineFromBackup", "CreateBaselineFromBackupInput", {
      backupSetId,
      name: "Contoso standard",
    });
    expect(taken).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "name"] }] });
    const foreign = await mutate(operator, "createBaselineFromBackup", "CreateBaselineFromBackupInput", {
      backupSetId,
      name: "Odd",
      backupItemIds: [toGlobalId("BackupItem", "00000000-0000-4000-8000-000000000000")],
    });
    expect(foreign).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "backupItemIds", "0"] }] });
    expect(await database.db.baseline.count()).toBe(2);
  });

  it("imports files sent as base64 and lists the one it cannot take, with the reason", async () => {
    const fixture = jsonFilesBelow(openIntuneBaselineDir());
    // Every type of the sample is backed up; a mobile app (not yet) is the one listed.
    const app = {
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps/$entity",
      "@odata.type": "#microsoft.graph.win32LobApp",
      displayName: "7-Zip",
    };
    const picked = [
      fixture.find((file) => file.folder === "CompliancePolicies")!,
      { path: "Applications/7-Zip.json", bytes: new TextEncoder().encode(JSON.stringify(app)) },
    ];
    const result = await mutate(operator, "importBaseline", "ImportBaselineInput", {
      workspaceId,
      name: "OIB compliance",
      files: picked.map((file) => ({ name: file.path, contentBase64: Buffer.from(file.bytes).toString("base64") })),
    });
    expect(result.__typename, JSON.stringify(result)).toBe("BaselinePayload");
    expect(result.baseline.latestVersion).toMatchObject({
      origin: "import",
      items: [{ objectType: "deviceCompliancePolicies", source: { kind: "file", fileName: picked[0]!.path, format: "intuneManagement" } }],
      notRecognizedFiles: [{ fileName: picked[1]!.path, reason: "UNSUPPORTED_TYPE" }],
    });
    // The files' base64 (31,000 characters for this 23 KB UTF-16 export) passes the API's text limit;
    // every other string is still bound by it.
    expect(Buffer.from(picked[0]!.bytes).toString("base64").length).toBeGreaterThan(10_000);
    const longName = await operator.graphql(`mutation($input: ImportBaselineInput!) { importBaseline(input: $input) { __typename } }`, {
      input: { workspaceId, name: "n".repeat(10_001), files: [{ name: "a.json", contentBase64: "e30=" }] },
    });
    expect(longName.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const notBase64 = await mutate(operator, "importBaseline", "ImportBaselineInput", {
      workspaceId,
      name: "Bad",
      files: [{ name: "x.json", contentBase64: "%%%" }],
    });
    expect(notBase64).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "files", "0", "contentBase64"] }] });
  });

  it("edits into a new version whose diff names the removed object; the first version stays as it was", async () => {
    const removed = chosenBaseline.latestVersion.items[0]!;
    const result = await mutate(operator, "editBaseline", "EditBaselineInput", {
      baselineId: chosenBaseline.id,
      removeItemIds: [removed.id],
    });
    expect(result.__typename, JSON.stringify(result)).toBe("BaselinePayload");
    expect(result.baseline.latestVersion).toMatchObject({ number: 2, origin: "edit", itemCount: 2 });
    const { body } = await operator.graphql(
      `query($id: ID!, $first: ID!) { node(id: $id) { ... on Baseline { versions { number itemCount
         diff { from { number } to { number } objects { objectType displayName kind changes { kind path } } } }
         latestVersion { againstFirst: diff(fromVersionId: $first) { objects { displayName kind } } } } } }`,
      { id: chosenBaseline.id, first: chosenBaseline.latestVersion.id },
    );
    const [second, first] = body.data.node.versions;
    expect(first).toMatchObject({ number: 1, itemCount: 3, diff: null });
    expect(second.diff).toMatchObject({ from: { number: 1 }, to: { number: 2 } });
    expect(second.diff.objects).toEqual([
      expect.objectContaining({ objectType: "configurationPolicies", displayName: removed.displayName, kind: "REMOVED" }),
    ]);
    expect(second.diff.objects[0].changes.length).toBeGreaterThan(0);
    expect(body.data.node.latestVersion.againstFirst.objects).toHaveLength(1);
    const again = await mutate(operator, "editBaseline", "EditBaselineInput", {
      baselineId: chosenBaseline.id,
      removeItemIds: [removed.id],
    });
    expect(again.__typename).toBe("ValidationError");
  });

  it("pages the workspace's baselines newest first", async () => {
    const page = async (after?: string) =>
      (
        await operator.graphql(
          `query($w: ID!, $after: String) { baselines(workspaceId: $w, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`,
          { w: workspaceId, after },
        )
      ).body.data.baselines;
    const first = await page();
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = await page(first.pageInfo.endCursor);
    const names = [...first.edges, ...second.edges].map((edge: { node: { name: string } }) => edge.node.name);
    expect(names).toEqual(["OIB compliance", "Contoso everything", "Contoso standard"]);
  });

  it("assigns to many environments and unassigns; another workspace's environment answers as missing and changes nothing", async () => {
    const input = (names: string[]) => ({ baselineId: chosenBaseline.id, environmentIds: names.map((name) => environmentIds[name]) });
    const assigned = await mutate(operator, "assignBaseline", "BaselineAssignmentInput", input(["Contoso", "Fabrikam"]));
    expect(assigned.baseline.environments).toEqual([{ name: "Contoso" }, { name: "Fabrikam" }]);
    const foreign = await mutate(operator, "assignBaseline", "BaselineAssignmentInput", input(["Northwind", "Tailspin"]));
    expect(foreign.__typename).toBe("NotFoundError");
    const unassigned = await mutate(operator, "unassignBaseline", "BaselineAssignmentInput", input(["Fabrikam"]));
    expect(unassigned.baseline.environments).toEqual([{ name: "Contoso" }]);
    const audit = await database.db.auditEvent.findMany({
      where: { targetId: rawIdOf(chosenBaseline.id, "Baseline") },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(["baseline.create", "baseline.version", "baseline.assign", "baseline.unassign"]);
  });

  it("lets readonly members read but not create, import, edit or assign; other workspaces see nothing", async () => {
    const read = await readonly.graphql(`query($id: ID!) { node(id: $id) { ... on Baseline { name } } }`, { id: chosenBaseline.id });
    expect(read.body.data.node).toEqual({ name: "Contoso standard" });
    const attempts = await Promise.all([
      mutate(readonly, "createBaselineFromBackup", "CreateBaselineFromBackupInput", { backupSetId, name: "Readonly" }),
      mutate(readonly, "importBaseline", "ImportBaselineInput", {
        workspaceId,
        name: "Readonly",
        files: [{ name: "a.json", contentBase64: "e30=" }],
      }),
      mutate(readonly, "editBaseline", "EditBaselineInput", {
        baselineId: chosenBaseline.id,
        removeItemIds: [chosenBaseline.latestVersion.items[1]!.id],
      }),
      mutate(readonly, "assignBaseline", "BaselineAssignmentInput", {
        baselineId: chosenBaseline.id,
        environmentIds: [environmentIds.Northwind],
      }),
    ]);
    expect(attempts.map((attempt) => attempt.__typename)).toEqual(["ForbiddenError", "ForbiddenError", "ForbiddenError", "ForbiddenError"]);
    expect(attempts[0].capability).toBe("baseline.manage");

    const theirs = await otherOwner.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: chosenBaseline.id });
    expect(theirs.body.data.node).toBeNull();
    const foreign = await Promise.all([
      mutate(otherOwner, "assignBaseline", "BaselineAssignmentInput", {
        baselineId: chosenBaseline.id,
        environmentIds: [environmentIds.Tailspin],
      }),
      mutate(otherOwner, "createBaselineFromBackup", "CreateBaselineFromBackupInput", { backupSetId, name: "Stolen" }),
      mutate(otherOwner, "importBaseline", "ImportBaselineInput", {
        workspaceId,
        name: "Stolen",
        files: [{ name: "a.json", contentBase64: "e30=" }],
      }),
    ]);
    expect(foreign.map((attempt) => attempt.__typename)).toEqual(["NotFoundError", "NotFoundError", "NotFoundError"]);
    expect(await database.db.baseline.count()).toBe(3);
    expect(await database.db.baselineAssignment.count()).toBe(1);
  });
});
