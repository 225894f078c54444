import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Actor, confirmRestoreRun, loadUserActor } from "@atlas/core";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import { rawIdOf, toGlobalId } from "../../apps/api/src/ids.ts";
import { type ApiClient, loginAs } from "../kit/api/harness.ts";
import { type AtlasProcess, freePort, startAtlas, workerPidOfClaim } from "../kit/atlas-process.ts";
import { eventually } from "../kit/eventually.ts";
import {
  TEST_SECRET_KEY_BASE64,
  type TestDatabase,
  createTestDatabase,
  seedDemoAgainst,
  tenantId,
  waitForCompletion,
} from "../kit/index.ts";
import { backupOf, createsByName, restoreThroughWizard } from "../kit/restore-fixture.ts";

// Scale-out as documented in the README: two `atlas start --role api` and two `--role worker`
// processes against one PostgreSQL (this file's database), the simulator as the provider.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-scale-"));
let t: TestDatabase;
let sim: GraphSim;
let demo: Awaited<ReturnType<typeof seedDemoAgainst>>["demo"];
const apis: AtlasProcess[] = [];
const workers: AtlasProcess[] = [];
const apiUrls: string[] = [];

/** The demo workspace's environments: each is one scope (workspace, environment, type). */
const ENVIRONMENTS = ["Contoso", "Fabrikam", "Northwind"] as const;
const START = `mutation($e: ID!) { startInventorySync(input: { environmentId: $e }) { __typename ... on StartOperationPayload { deduplicated run { id } } ... on Error { message } } }`;
const CHANGED = `subscription($w: ID!) { operationRunsChanged(workspaceId: $w) { id status outcome progress } }`;

interface RunState {
  id: string;
  status: string;
  outcome: string;
  progress: number | null;
}

/** Every event of one SSE subscription (graphql-sse, distinct connections mode) until `close`. */
function subscribeAll(client: ApiClient, query: string, variables: Record<string, unknown>) {
  const seen: RunState[] = [];
  const abort = new AbortController();
  const done = (async () => {
    const response = await fetch(`${client.url}/graphql/stream`, {
      method: "POST",
      headers: client.headers({ "content-type": "application/json", accept: "text/event-stream" }),
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split("\n").find((line) => line.startsWith("data:"));
        if (message.includes("event: next") && data) seen.push(JSON.parse(data.slice(5)).data.operationRunsChanged);
        end = buffer.indexOf("\n\n");
      }
    }
  })().catch((error) => {
    if (!abort.signal.aborted) throw error;
  });
  return { seen, close: () => abort.abort(), done };
}

function showOutputOnFailure() {
  onTestFailed(() => {
    for (const [index, process] of [...apis, ...workers].entries())
      console.error(`--- process ${index} output (last 3000 characters) ---\n${process.output().slice(-3000)}`);
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  ({ demo } = await seedDemoAgainst(t.db, sim));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: t.url,
    ATLAS_DATA_DIR: dataDir,
    ATLAS_SECRET_KEY: TEST_SECRET_KEY_BASE64,
    ATLAS_GRAPH_TIME_SCALE: "0.05",
    ATLAS_HEARTBEAT_MS: "300",
    ATLAS_HEARTBEAT_STALE_MS: "2500",
    ATLAS_SWEEP_INTERVAL_MS: "1000",
  };
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    apis.push(startAtlas(["start", "--role", "api"], { ...env, PORT: String(port) }));
    apiUrls.push(`http://127.0.0.1:${port}`);
    workers.push(startAtlas(["start", "--role", "worker"], env));
  }
  await Promise.all([
    ...apis.map((api) => api.waitForOutput("API is running at")),
    ...workers.map((w) => w.waitForOutput("worker started")),
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all([...apis, ...workers].map((process) => process.stop()));
  await sim?.close();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("200 concurrent starts over both APIs give one run per scope; an SSE subscriber on API A sees every run a worker reports", async () => {
  showOutputOnFailure();
  const [a, b] = await Promise.all(apiUrls.map((url) => loginAs(url, "operator@demo.test")));
  const stream = subscribeAll(a!, CHANGED, { w: toGlobalId("Workspace", demo.demo!.workspaceId) });
  // The stream is live once it reports a run started after it opened (no fixed wait that a loaded
  // machine could outlast): a first sync of Contoso, finished before the burst so it dedupes nothing.
  const probe = await a!.graphql(START, { e: toGlobalId("ManagedEnvironment", demo.demo!.environments.Contoso!) });
  const probeId = probe.body.data.startInventorySync.run.id as string;
  await eventually(() => stream.seen.some((state) => state.id === probeId), { what: "the stream to report a new run", timeout: 60_000 });
  await waitForCompletion(t.db, rawIdOf(probeId, "OperationRun")!, 120_000);
  // Slow provider answers keep the first run of each scope active through the whole burst, so a
  // second run could only come from a broken dedupe, not from the first one having finished.
  for (const environment of ENVIRONMENTS) sim.injectFault({ kind: "latency", tenantId: tenantId(environment), ms: 1000, count: 100_000 });
  try {
    const starts = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const environment = ENVIRONMENTS[i % ENVIRONMENTS.length]!;
        const client = Math.floor(i / ENVIRONMENTS.length) % 2 === 0 ? a! : b!;
        return client
          .graphql(START, { e: toGlobalId("ManagedEnvironment", demo.demo!.environments[environment]!) })
          .then((response) => ({ environment, response: response.body, run: response.body.data?.startInventorySync }));
      }),
    );
    expect(starts.filter(({ run }) => !run?.run?.id).map(({ response }) => response)).toEqual([]);
    const runsPerEnvironment = new Map<string, Set<string>>();
    for (const { environment, run } of starts) {
      runsPerEnvironment.set(environment, (runsPerEnvironment.get(environment) ?? new Set()).add(run.run.id));
    }
    const probeRow = rawIdOf(probeId, "OperationRun")!;
    const created = await t.db.operationRun.findMany({
      where: { type: "inventory.sync", id: { not: probeRow } },
      orderBy: { createdAt: "asc" },
    });
    // Every run a start created was answered to some start, and every other start adopted one.
    expect(created.map((run) => toGlobalId("OperationRun", run.id)).sort()).toEqual(
      [...runsPerEnvironment.values()].flatMap((ids) => [...ids]).sort(),
    );
    expect(starts.filter(({ run }) => !run?.deduplicated).length).toBe(created.length);
    // Never two active runs of one scope: a scope's next run (only possible if a loaded machine let
    // the slowed first one finish during the burst) starts after the previous one completed.
    for (const environmentId of new Set(created.map((run) => run.managedEnvironmentId))) {
      const runs = created.filter((run) => run.managedEnvironmentId === environmentId);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.createdAt >= runs[i - 1]!.completedAt!).toBe(true);
    }
    expect(runsPerEnvironment.size).toBe(ENVIRONMENTS.length);

    sim.clearFaults();
    const runIds = [...runsPerEnvironment.values()].flatMap((ids) => [...ids]);
    const finals = await Promise.all(runIds.map((id) => waitForCompletion(t.db, rawIdOf(id, "OperationRun")!, 120_000)));
    expect(finals.map((run) => run.outcome)).toEqual(runIds.map(() => "succeeded"));
    // Each run's last state on the stream is its final state, reached through RUNNING with
    // progress that never goes backwards, though every state change was written by a worker process.
    await eventually(async () => runIds.every((id) => stream.seen.some((state) => state.id === id && state.status === "COMPLETED")), {
      what: "the stream to deliver every final state",
      timeout: 10_000,
    });
    for (const [index, id] of runIds.entries()) {
      const states = stream.seen.filter((state) => state.id === id);
      expect(states.some((state) => state.status === "RUNNING")).toBe(true);
      expect(states.at(-1)).toMatchObject({ status: "COMPLETED", outcome: finals[index]!.outcome.toUpperCase() });
      const progress = states.map((state) => state.progress ?? 0);
      expect(progress).toEqual([...progress].sort((x, y) => x - y));
    }
  } finally {
    sim.clearFaults();
    stream.close();
    await stream.done;
  }
}, 240_000);

it("SIGKILL of the worker process running a restore: the other worker finishes it and no object is created twice", async () => {
  showOutputOnFailure();
  const owner = (await loadUserActor(t.db, (await t.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } })).id)) as Actor;
  const backupSetId = await backupOf(t.db, owner, demo.demo!.environments.Contoso!);
  const { restoreRun } = await restoreThroughWizard(t.db, owner, {
    backupSetId,
    environmentId: demo.demo!.environments.Northwind!,
    confirm: false,
  });
  const northwind = tenantId("Northwind");
  // Slow every write so the kill lands between items.
  sim.injectFault({ kind: "latency", tenantId: northwind, ms: 150, count: 100_000 });
  const { start } = await confirmRestoreRun(t.db, owner, {
    restoreRunId: restoreRun.id,
    acknowledgeImpact: true,
    typedTargetName: "Northwind",
  });
  await eventually(
    async () => {
      const applied = await t.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: { in: ["applied", "partial"] } } });
      return applied >= 3 ? true : undefined;
    },
    { what: "three items written", timeout: 60_000 },
  );
  const holder = workers.findIndex((w) => workerPidOfClaim(w.output(), start.run.id) !== undefined);
  expect(holder).toBeGreaterThanOrEqual(0);
  const survivor = workers[1 - holder]!;
  workers[holder]!.killGroup();
  sim.clearFaults();

  const done = await waitForCompletion(t.db, start.run.id, 120_000);
  expect(["partially_succeeded", "succeeded"]).toContain(done.outcome);
  expect(workerPidOfClaim(survivor.output(), start.run.id)).toBeDefined();
  const events = await t.db.operationRunEvent.findMany({ where: { runId: start.run.id } });
  expect(events.some((event) => event.reasonCode === "resumed")).toBe(true);
  expect(await t.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: "pending" } })).toBe(0);
  // Nothing done twice: the provider saw one create per object name.
  const creates = createsByName(sim, northwind);
  expect(creates.size).toBeGreaterThan(0);
  expect([...creates.entries()].filter(([, count]) => count > 1)).toEqual([]);
}, 300_000);
