import { toGlobalId } from "@atlas/api";
import { createDb } from "@atlas/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";
import { fewestStatements } from "../kit/fewest-statements.ts";
import { walkList } from "../kit/list-paging.ts";
import { generateRuns } from "../kit/run-fixture.ts";

// Keyset paging of operationRuns: every page walk must list exactly the rows SQL lists in the same
// order, including runs that share a created_at millisecond (four per instant here).
let database: TestDatabase;
let api: TestApi;
let owner: ApiClient;
let workspaceId: string;
let statements: string[] = [];
let environments: Record<string, string>;

const PAGE = `query Page($workspaceId: ID!, $filter: OperationRunFilter, $first: Int, $after: String, $last: Int, $before: String) {
  list: operationRuns(workspaceId: $workspaceId, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id type outcome createdAt environment { id name } reconciliation { decision } proofGaps { code } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const counted = createDb(database.url, { max: 5, onStatement: (sql) => statements.push(sql) });
  api = await startTestApi({ db: counted, url: database.url }, TEST_SECRET_BOX);
  const demo = api.demo.demo!;
  workspaceId = toGlobalId("Workspace", demo.workspaceId);
  environments = demo.environments;
  await generateRuns(database.url, {
    workspaceId: demo.workspaceId,
    environmentIds: Object.values(demo.environments),
    count: 400,
    runsPerInstant: 4,
    stepMs: 1,
  });
  owner = await loginAs(api.url, "owner@demo.test");
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

/** Every run id of the filtered list, page by page (forwards, or backwards with last/before). */
const walk = (filter: Record<string, unknown>, pageSize: number, backwards = false) =>
  walkList(owner, { document: PAGE, variables: { workspaceId, filter } }, pageSize, backwards);

/** The same list straight from SQL: the truth the pages must add up to. */
async function expected(where: string): Promise<string[]> {
  const rows = await database.db.$queryRawUnsafe<{ id: string }[]>(
    `select id::text from operation_runs where workspace_id = $1::uuid and ${where} order by created_at desc, id desc`,
    api.demo.demo!.workspaceId,
  );
  return rows.map((row) => toGlobalId("OperationRun", row.id));
}

describe("operationRuns keyset paging", () => {
  it("lists every run once, in order, across pages whose boundaries split runs of the same millisecond", async () => {
    const all = await expected("true");
    expect(all).toHaveLength(400);
    // 7 does not divide the 4 runs per instant, so page boundaries fall inside ties.
    expect(await walk({}, 7)).toEqual(all);
    expect(await walk({}, 50)).toEqual(all);
  });

  it("pages backwards with last/before to the same list", async () => {
    expect(await walk({}, 9, true)).toEqual(await expected("true"));
  });

  it("keeps combined filters intact across pages", async () => {
    const { Contoso, Fabrikam } = environments;
    const filter = {
      environmentIds: [toGlobalId("ManagedEnvironment", Contoso!), toGlobalId("ManagedEnvironment", Fabrikam!)],
      types: ["inventory.sync", "backup.capture"],
      outcomes: ["SUCCEEDED", "FAILED"],
      hasProofGaps: false,
    };
    const truth = await expected(
      `managed_environment_id in ('${Contoso}', '${Fabrikam}') and type in ('inventory.sync', 'backup.capture')
       and outcome in ('succeeded', 'failed') and not has_proof_gaps`,
    );
    expect(truth.length).toBeGreaterThan(20);
    expect(await walk(filter, 6)).toEqual(truth);
  });

  it("pages runs of several environments, outcomes or types forwards and backwards, one index scan per value", async () => {
    const [first, second, third] = Object.values(environments);
    const filter = { environmentIds: [first!, second!, third!].map((id) => toGlobalId("ManagedEnvironment", id)) };
    const truth = await expected(`managed_environment_id in ('${first}', '${second}', '${third}')`);
    expect(truth.length).toBeGreaterThan(250);
    expect(await walk(filter, 7)).toEqual(truth);
    expect(await walk(filter, 13, true)).toEqual(truth);
    const outcomes = await expected("outcome in ('succeeded', 'failed')");
    expect(outcomes.length).toBeGreaterThan(50);
    expect(await walk({ outcomes: ["SUCCEEDED", "FAILED"] }, 7)).toEqual(outcomes);
    expect(await walk({ outcomes: ["SUCCEEDED", "FAILED"] }, 11, true)).toEqual(outcomes);
    const types = await expected("type in ('inventory.sync', 'backup.capture') and status in ('queued', 'completed')");
    expect(types.length).toBeGreaterThan(50);
    const typeFilter = { types: ["inventory.sync", "backup.capture"], statuses: ["QUEUED", "COMPLETED"] };
    expect(await walk(typeFilter, 9)).toEqual(types);
    expect(await walk(typeFilter, 9, true)).toEqual(types);
  });

  it("keeps a created-at window across pages", async () => {
    const [newest] = await database.db.$queryRaw<{ newest: Date }[]>`select max(created_at) as newest from operation_runs`;
    const createdBefore = new Date(newest!.newest.getTime() - 20);
    const createdAfter = new Date(newest!.newest.getTime() - 60);
    const truth = await expected(
      `created_at < '${createdBefore.toISOString()}' and created_at > '${createdAfter.toISOString()}' and status = 'queued'`,
    );
    expect(truth.length).toBeGreaterThan(100);
    expect(await walk({ createdAfter, createdBefore, statuses: ["QUEUED"] }, 11)).toEqual(truth);
  });

  it("refuses a forged cursor with a typed error", async () => {
    const forged = Buffer.from('GPC:T:["x","not a date","y"]').toString("base64");
    const { body } = await owner.graphql(PAGE, { workspaceId, first: 5, after: forged });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|VALIDATION/);
  });

  it("sends the same number of SQL statements for a page of 5 as for a page of 100", async () => {
    const count = async (first: number) => {
      await owner.graphql(PAGE, { workspaceId, first }); // warm the session's caches
      return fewestStatements(async () => {
        statements = [];
        const { body } = await owner.graphql(PAGE, { workspaceId, first });
        expect(body.errors).toBeUndefined();
        expect(body.data.list.edges).toHaveLength(first);
        return statements.length;
      });
    };
    const small = await count(5);
    const large = await count(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });
});
