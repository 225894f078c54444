import { createApiServer } from "@atlas/api";
import { ApiClient, capturingLogger, loginAs } from "../kit/api/harness.ts";
import { createApiToken, loadUserActor } from "@atlas/core";
import { type ContractKey, contractFor } from "@atlas/graph-client";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, seedDemoAgainst, waitForCompletion } from "../kit/index.ts";
import { ADDED_COVERAGE_TYPES } from "../kit/coverage-fixture.ts";
import { backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";

const isRestorable = (type: ContractKey) => contractFor(type).restoreSupport === "full";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let close: () => Promise<void>;
let base = "";
const workerLog: string[] = [];
const apiLogger = capturingLogger();
const responses: string[] = [];
const consoleOutput: string[] = [];
const restoreWrites: Array<() => void> = [];

/** Every byte printed by this process while the scenario runs (console and structured logs). */
function captureProcessOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      consoleOutput.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restoreWrites.push(() => {
      stream.write = original;
    });
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  await seedDemoAgainst(t.db, sim);
  captureProcessOutput();
  worker = await startWorker({
    connectionString: t.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale: 0.05 },
    log: (message, meta) => workerLog.push(JSON.stringify({ message, ...meta })),
  });
  const api = await createApiServer({ db: t.db, databaseUrl: t.url, logger: apiLogger, box: TEST_SECRET_BOX });
  const running = await api.start(0);
  close = running.close;
  base = running.url;
});
afterAll(async () => {
  for (const restore of restoreWrites) restore();
  await close?.();
  await worker?.stop();
  await sim?.close();
  await t?.drop();
});

async function recorded(client: ApiClient, query: string, variables?: Record<string, unknown>) {
  const result = await client.graphql(query, variables);
  responses.push(JSON.stringify(result.body));
  return result.body;
}

it("never lets a client secret, session id or API token reach runs, events, audit, logs or responses", async () => {
  // Identities: a session cookie and a partner API token.
  const operator = await loginAs(base, "operator@demo.test");
  const sessionId = decodeURIComponent(operator.headers().cookie!.split("=")[1]!);
  const workspace = await t.db.workspace.findUniqueOrThrow({ where: { slug: "demo" } });
  const { token } = await createApiToken(t.db, { workspaceId: workspace.id, name: "partner", role: "operator" });
  const partner = new ApiClient(base, { token });

  // A sync that succeeds, and one whose credentials the provider refuses.
  const environments = await t.db.managedEnvironment.findMany({ where: { workspaceId: workspace.id } });
  const northwind = environments.find((environment) => environment.name === "Northwind")!;
  await t.db.managedEnvironment.update({
    where: { id: northwind.id },
    data: { clientSecretEncrypted: TEST_SECRET_BOX.encrypt("wrong-secret-value-123") },
  });
  const start = `mutation($id: ID!) { startInventorySync(input: { environmentId: $id }) { __typename ... on StartOperationPayload { run { id status } } } }`;
  const envId = async (client: ApiClient, name: string) => {
    const body = await recorded(client, `{ viewer { memberships { workspace { environments { edges { node { id name } } } } } } }`);
    return body.data.viewer.memberships[0].workspace.environments.edges.find((edge: { node: { name: string } }) => edge.node.name === name)
      .node.id;
  };
  const good = await recorded(operator, start, { id: await envId(operator, "Fabrikam") });
  const bad = await recorded(partner, start, { id: await envId(partner, "Northwind") });
  const runIds = await t.db.operationRun.findMany({ select: { id: true } });
  for (const { id } of runIds) await waitForCompletion(t.db, id);
  expect(good.data.startInventorySync.__typename).toBe("StartOperationPayload");
  expect(bad.data.startInventorySync.__typename).toBe("StartOperationPayload");
  const refused = await t.db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: northwind.id } });
  // A refused credential blocks the run (PROVIDER_CREDENTIALS_REFUSED); its failure text must not echo the secret.
  expect(refused.outcome).toBe("blocked");

  // A backup through the API and a live restore through the wizard write runs, items, evidence and audit too.
  const fabrikam = environments.find((environment) => environment.name === "Fabrikam")!;
  const backup = await recorded(
    operator,
    `mutation($id: ID!) { startBackup(input: { environmentId: $id }) { __typename ... on StartOperationPayload { run { id } } } }`,
    {
      id: await envId(operator, "Fabrikam"),
    },
  );
  expect(backup.data.startBackup.__typename).toBe("StartOperationPayload");
  const ownerUser = await t.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  const owner = (await loadUserActor(t.db, ownerUser.id))!;
  const backupSetId = await backupOf(t.db, owner, fabrikam.id);
  const restore = await restoreThroughWizard(t.db, owner, {
    backupSetId,
    environmentId: fabrikam.id,
    // The newer types too, except the preview-only ones (a blocker would stop the restore).
    objectTypes: ["deviceConfigurations", "roleScopeTags", ...ADDED_COVERAGE_TYPES.filter(isRestorable)],
  });
  expect(restore.execution?.status).toBe("completed");
  for (const { id } of await t.db.operationRun.findMany({ select: { id: true } })) await waitForCompletion(t.db, id);

  // Read everything back through the API as both identities.
  const runsQuery = `query($w: ID!) { operationRuns(workspaceId: $w, first: 50) { edges { node { id type status outcome failure { reasonCode message } summaryCounts { key value } reconciliation { decision reasonCode evidence { kind id value } proofGaps { code message } } events(first: 50) { edges { node { kind reasonCode message actor } } } } } } }`;
  const workspaceGlobalId = (await recorded(operator, `{ viewer { memberships { workspace { id } } } }`)).data.viewer.memberships[0]
    .workspace.id;
  await recorded(operator, runsQuery, { w: workspaceGlobalId });
  await recorded(partner, runsQuery, { w: workspaceGlobalId });
  await recorded(
    operator,
    `{ viewer { id displayName memberships { role capabilities } } notifications(first: 20) { edges { node { title body link } } } }`,
  );

  const secrets = [...DEMO_TENANTS.map((tenant) => tenant.clientSecret), "wrong-secret-value-123", sessionId, token];
  const stored = JSON.stringify(
    {
      runs: await t.db.operationRun.findMany(),
      events: await t.db.operationRunEvent.findMany(),
      audit: await t.db.auditEvent.findMany(),
      notifications: await t.db.notification.findMany(),
      restoreItems: await t.db.restoreItem.findMany(),
      evidence: await t.db.evidenceSnapshot.findMany(),
      backupSets: await t.db.backupSet.findMany(),
    },
    (_key, value) => (typeof value === "bigint" ? String(value) : value),
  );
  const places: Record<string, string> = {
    "database records": stored,
    "API responses": responses.join("\n"),
    "API log": JSON.stringify(apiLogger.lines),
    "worker log": workerLog.join("\n"),
    "process output": consoleOutput.join(""),
  };
  expect(responses.length).toBeGreaterThan(4);
  for (const [place, text] of Object.entries(places)) {
    for (const secret of secrets) expect(text.includes(secret), `${place} contains a secret`).toBe(false);
  }
  // Two syncs, two backups of Fabrikam and a live restore of eight types: about 20 s on a quiet
  // machine, over a minute with the other core busy.
}, 240_000);
