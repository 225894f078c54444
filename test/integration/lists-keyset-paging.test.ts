import { toGlobalId } from "@atlas/api";
import { createDb } from "@atlas/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";
import { fewestStatements } from "../kit/fewest-statements.ts";
import { generateLists } from "../kit/list-fixture.ts";
import { type ListRequest, cursorAfterPages, pageOf, planNodes, planOf, walkList } from "../kit/list-paging.ts";
import { generateRuns } from "../kit/run-fixture.ts";

// Keyset paging of the lists that grow with every run: backup sets, restore runs, notifications,
// policy versions and inventory. Every walk must list exactly the rows SQL lists in the same order,
// including rows that share a millisecond (three per instant) or a name; a request sends as many
// SQL statements for 50 rows as for 5; a deep page is read from an index in list order.
const ROWS = 300;
let database: TestDatabase;
let api: TestApi;
let owner: ApiClient;
let statements: Array<{ sql: string; params: string }> = [];
let demo: { workspaceId: string; environments: Record<string, string> };
let userId: string;

const PAGING = "first: $first, after: $after, last: $last, before: $before";
const PAGE_VARIABLES = "$first: Int, $after: String, $last: Int, $before: String";
const PAGE_INFO = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

interface ListSpec {
  name: string;
  typename: string;
  /** The table the list statement reads, and the indexes a deep page may be read from. */
  table: string;
  indexes: string[];
  document: string;
  variables: () => Record<string, unknown>;
  /** The same list straight from SQL ($1: the list's scope), the truth pages must add up to. */
  truth: string;
  scope: () => string;
  /** A filter, the list it must give in SQL, and the indexes its deep page may be read from. */
  filtered?: { filter: () => Record<string, unknown>; truth: string; indexes: string[] };
  /** The same list of another scope, where this scope's cursors are foreign. */
  foreign: () => { client: () => Promise<ApiClient>; variables: Record<string, unknown> };
}

const environmentNode = (name: string) => toGlobalId("ManagedEnvironment", demo.environments[name]!);
const workspaceNode = () => toGlobalId("Workspace", demo.workspaceId);
const otherOwner = () => loginAs(api.url, "owner@other.test");
const otherWorkspace = () => toGlobalId("Workspace", api.demo.other!.workspaceId);

const LISTS: ListSpec[] = [
  {
    name: "backupSets",
    typename: "BackupSet",
    table: "backup_sets",
    indexes: ["backup_sets_workspace_created"],
    document: `query Page($workspaceId: ID!, $filter: BackupSetFilter, ${PAGE_VARIABLES}) {
      list: backupSets(workspaceId: $workspaceId, filter: $filter, ${PAGING}) {
        edges { cursor node { id name trigger status createdAt itemCount hasGaps environment { id name }
          operationRun { id status outcome } completeness { objectType } itemCounts { key value } } }
        ${PAGE_INFO}
      }
    }`,
    variables: () => ({ workspaceId: workspaceNode() }),
    truth: "select id::text from backup_sets where workspace_id = $1::uuid and trigger <> 'baseline' order by created_at desc, id desc",
    scope: () => demo.workspaceId,
    filtered: {
      filter: () => ({ environmentIds: [environmentNode("Fabrikam")] }),
      truth: `select id::text from backup_sets where workspace_id = $1::uuid and trigger <> 'baseline'
        and managed_environment_id = (select id from managed_environments where name = 'Fabrikam' and workspace_id = $1::uuid)
        order by created_at desc, id desc`,
      // A third of the sets match one of the three environments, so walking the workspace's index is
      // as right as the environment's (both in list order); with many environments the latter serves.
      indexes: ["backup_sets_environment_created", "backup_sets_workspace_created"],
    },
    foreign: () => ({ client: otherOwner, variables: { workspaceId: otherWorkspace() } }),
  },
  {
    name: "restoreRuns",
    typename: "RestoreRun",
    table: "restore_runs",
    indexes: ["restore_runs_workspace_created", "restore_runs_status_created"],
    document: `query Page($workspaceId: ID!, $filter: RestoreRunFilter, ${PAGE_VARIABLES}) {
      list: restoreRuns(workspaceId: $workspaceId, filter: $filter, ${PAGING}) {
        edges { cursor node { id status dryRun targetLabel createdAt confirmedAt sourceBackupSet { id name }
          environment { id name } counts { total succeeded } resultAttention { state } operationRun { id }
          evidenceSnapshot { id } } }
        ${PAGE_INFO}
      }
    }`,
    variables: () => ({ workspaceId: workspaceNode() }),
    truth: "select id::text from restore_runs where workspace_id = $1::uuid and deleted_at is null order by created_at desc, id desc",
    scope: () => demo.workspaceId,
    filtered: {
      filter: () => ({ statuses: ["DRY_RUN_COMPLETED"] }),
      truth: `select id::text from restore_runs where workspace_id = $1::uuid and deleted_at is null and status = 'dry_run_completed'
        order by created_at desc, id desc`,
      indexes: ["restore_runs_status_created"],
    },
    foreign: () => ({ client: otherOwner, variables: { workspaceId: otherWorkspace() } }),
  },
  {
    name: "notifications",
    typename: "Notification",
    table: "notifications",
    indexes: ["notifications_user_created"],
    document: `query Page(${PAGE_VARIABLES}) {
      list: notifications(${PAGING}) {
        edges { cursor node { id kind title body params { name value } link readAt createdAt operationRun { id } } }
        ${PAGE_INFO}
      }
    }`,
    variables: () => ({}),
    truth: "select id::text from notifications where user_id = $1::uuid order by created_at desc, id desc",
    scope: () => userId,
    foreign: () => ({ client: otherOwner, variables: {} }),
  },
  {
    name: "policyVersions",
    typename: "PolicyVersion",
    table: "policy_versions",
    indexes: ["policy_versions_environment_captured", "policy_versions_type_captured"],
    document: `query Page($environmentId: ID!, $filter: PolicyVersionFilter, ${PAGE_VARIABLES}) {
      node(id: $environmentId) { ... on ManagedEnvironment {
        list: policyVersions(filter: $filter, ${PAGING}) {
          edges { cursor node { id objectType providerId displayName capturedAt contentHash environment { id name } } }
          ${PAGE_INFO}
        }
      } }
    }`,
    variables: () => ({ environmentId: environmentNode("Contoso") }),
    truth: "select id::text from policy_versions where managed_environment_id = $1::uuid order by captured_at desc, id desc",
    scope: () => demo.environments.Contoso!,
    filtered: {
      filter: () => ({ types: ["compliancePolicies"] }),
      truth: `select id::text from policy_versions where managed_environment_id = $1::uuid and object_type = 'compliancePolicies'
        order by captured_at desc, id desc`,
      indexes: ["policy_versions_type_captured"],
    },
    foreign: () => ({ client: async () => owner, variables: { environmentId: environmentNode("Fabrikam") } }),
  },
  {
    name: "inventory (policies)",
    typename: "Policy",
    table: "inventory_items",
    indexes: ["inventory_items_environment_present", "inventory_items_environment_listed"],
    document: `query Page($environmentId: ID!, $filter: PolicyFilter, ${PAGE_VARIABLES}) {
      node(id: $environmentId) { ... on ManagedEnvironment {
        list: policies(filter: $filter, ${PAGING}) {
          edges { cursor node { id objectType displayName odataType lastObservedAt disappearedAt settingsCount
            versions { id } environment { id } } }
          ${PAGE_INFO}
        }
      } }
    }`,
    variables: () => ({ environmentId: environmentNode("Contoso") }),
    truth:
      "select id::text from inventory_items where managed_environment_id = $1::uuid and disappeared_at is null order by object_type, display_name, id",
    scope: () => demo.environments.Contoso!,
    filtered: {
      filter: () => ({ types: ["configurationPolicies"], includeDisappeared: true }),
      truth: `select id::text from inventory_items where managed_environment_id = $1::uuid and object_type = 'configurationPolicies'
        order by object_type, display_name, id`,
      indexes: ["inventory_items_environment_listed"],
    },
    foreign: () => ({ client: async () => owner, variables: { environmentId: environmentNode("Fabrikam") } }),
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  const counted = createDb(database.url, { max: 5, onStatement: (sql, params) => statements.push({ sql, params }) });
  // It tests paging, not the partner cost budget (which several hundred page requests would spend).
  api = await startTestApi({ db: counted, url: database.url }, TEST_SECRET_BOX, { budget: { capacity: 1e12, refillPerSecond: 1e12 } });
  demo = api.demo.demo!;
  const environmentIds = Object.values(demo.environments);
  await generateRuns(database.url, { workspaceId: demo.workspaceId, environmentIds, count: ROWS, runsPerInstant: 3, stepMs: 1 });
  const user = await database.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  userId = user.id;
  await generateLists(database.url, { workspaceId: demo.workspaceId, environmentIds, userId, count: ROWS, rowsPerInstant: 3 });
  owner = await loginAs(api.url, "owner@demo.test");
}, 60_000);

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

describe.each(LISTS)("$name keyset paging", (spec) => {
  const list = (extra: Record<string, unknown> = {}): ListRequest => ({
    document: spec.document,
    variables: { ...spec.variables(), ...extra },
  });
  const expected = async (sql = spec.truth) => {
    const rows = await database.db.$queryRawUnsafe<{ id: string }[]>(sql, spec.scope());
    return rows.map((row) => toGlobalId(spec.typename, row.id));
  };

  it("lists every row once, in order, across pages whose boundaries split rows of the same millisecond or name", async () => {
    const all = await expected();
    expect(all.length).toBeGreaterThan(200);
    // 7 does not divide the 3 rows per instant, so page boundaries fall inside ties.
    expect(await walkList(owner, list(), 7)).toEqual(all);
    expect(await walkList(owner, list(), 50)).toEqual(all);
    expect((await pageOf(owner, list(), { first: 1 })).totalCount).toBe(all.length);
  });

  it("pages backwards with last/before to the same list", async () => {
    expect(await walkList(owner, list(), 11, true)).toEqual(await expected());
  });

  it.runIf(spec.filtered)("keeps its filter across pages, and counts what the filter matches", async () => {
    const filtered = spec.filtered!;
    const truth = await expected(filtered.truth);
    expect(truth.length).toBeGreaterThan(20);
    expect(await walkList(owner, list({ filter: filtered.filter() }), 6)).toEqual(truth);
    expect((await pageOf(owner, list({ filter: filtered.filter() }), { first: 1 })).totalCount).toBe(truth.length);
  });

  it("sends as many SQL statements for a page of 50 rows as for a page of 5", async () => {
    const count = async (first: number) => {
      await pageOf(owner, list(), { first }); // warm the session's caches
      return fewestStatements(async () => {
        statements = [];
        const connection = await pageOf(owner, list(), { first });
        expect(connection.edges).toHaveLength(first);
        return statements.length;
      });
    };
    const small = await count(5);
    const large = await count(50);
    console.log(`${spec.name}: ${small} SQL statements per request for 5 rows, ${large} for 50`);
    expect(large).toBe(small);
  });

  /** The plan of a page deep in the list: read from one of `indexes` in list order, never sorted. */
  const expectDeepPageFromIndex = async (request: ListRequest, pages: number, indexes: string[]) => {
    const cursor = await cursorAfterPages(owner, request, 20, pages);
    statements = [];
    const page = await pageOf(owner, request, { first: 20, after: cursor });
    expect(page.edges.length).toBeGreaterThan(0);
    const listStatement = statements.find(
      (statement) => statement.sql.includes(`FROM "public"."${spec.table}"`) && /ORDER BY/.test(statement.sql),
    );
    expect(listStatement, statements.map((statement) => statement.sql).join("\n")).toBeDefined();
    const nodes = planNodes(await planOf(database.url, listStatement!));
    const shape = nodes.map((node) => `${node["Node Type"]}${node["Index Name"] ? ` on ${node["Index Name"]}` : ""}`).join(" > ");
    // Neither a Sort nor an Incremental Sort: the index alone gives the list order.
    expect(
      nodes.some((node) => /Sort/.test(node["Node Type"])),
      shape,
    ).toBe(false);
    expect(
      nodes.some((node) => /^Index (Only )?Scan/.test(node["Node Type"]) && indexes.includes(node["Index Name"] ?? "")),
      shape,
    ).toBe(true);
  };

  it("reads a deep page from an index in list order, without sorting the table", async () => {
    await expectDeepPageFromIndex(list(), 10, spec.indexes);
  });

  it.runIf(spec.filtered)("reads a deep page of its filter from the filter's index in list order", async () => {
    await expectDeepPageFromIndex(list({ filter: spec.filtered!.filter() }), 3, spec.filtered!.indexes);
  });

  it("refuses a forged cursor and another scope's cursor with a typed error", async () => {
    const forged = Buffer.from('GPC:T:["x","not a date","y"]').toString("base64");
    const refused = async (client: ApiClient, variables: Record<string, unknown>) => {
      const { body } = await client.graphql(spec.document, { ...variables, first: 5 });
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe("BAD_USER_INPUT");
    };
    await refused(owner, { ...spec.variables(), after: forged });
    const cursor = (await pageOf(owner, list(), { first: 5 })).pageInfo.endCursor;
    const foreign = spec.foreign();
    await refused(await foreign.client(), { ...foreign.variables, after: cursor });
    // Nothing changed: the list pages as before.
    expect(await walkList(owner, list(), 50)).toEqual(await expected());
  });
});
