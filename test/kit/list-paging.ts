import pg from "pg";
import type { ApiClient } from "./api/harness.ts";

/** A connection as the lists return it (the fields paging needs). */
export interface PagedConnection {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** One list as a client pages it: a document whose connection is aliased `list` (at the root or under `node`). */
export interface ListRequest {
  document: string;
  variables: Record<string, unknown>;
}

export function connectionOf(data: { list?: PagedConnection; node?: { list?: PagedConnection } | null } | undefined): PagedConnection {
  const connection = data?.list ?? data?.node?.list;
  if (!connection) throw new Error(`no connection in ${JSON.stringify(data)}`);
  return connection;
}

/** One page; the request must succeed. */
export async function pageOf(client: ApiClient, list: ListRequest, variables: Record<string, unknown>): Promise<PagedConnection> {
  const { body } = await client.graphql(list.document, { ...list.variables, ...variables });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return connectionOf(body.data);
}

/** Every id of the list, paging forwards with first/after (or backwards with last/before) until the end. */
export async function walkList(client: ApiClient, list: ListRequest, pageSize: number, backwards = false): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const connection = await pageOf(client, list, backwards ? { last: pageSize, before: cursor } : { first: pageSize, after: cursor });
    const nodes = connection.edges.map((edge) => edge.node.id);
    if (backwards) ids.unshift(...nodes);
    else ids.push(...nodes);
    const more = backwards ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage;
    if (!more) return ids;
    cursor = backwards ? connection.pageInfo.startCursor : connection.pageInfo.endCursor;
  }
  throw new Error("paging did not end");
}

/** The cursor after `pages` pages of `pageSize` rows. */
export async function cursorAfterPages(client: ApiClient, list: ListRequest, pageSize: number, pages: number): Promise<string> {
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const connection = await pageOf(client, list, { first: pageSize, after: cursor });
    if (!connection.pageInfo.hasNextPage) throw new Error(`the list ends at page ${page + 1}`);
    cursor = connection.pageInfo.endCursor;
  }
  return cursor!;
}

export interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

/**
 * PostgreSQL's plan of a statement the API sent (same SQL, same parameters). Sequential and bitmap
 * scans are switched off for it: on a test-sized table the planner would rightly pick them, and what
 * the plan must show is that index access comes in list order (no Sort), whatever the table's size.
 */
export async function planOf(connectionString: string, statement: { sql: string; params: string }): Promise<PlanNode> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("set enable_seqscan = off");
    await client.query("set enable_bitmapscan = off");
    const result = await client.query(`explain (format json) ${statement.sql}`, JSON.parse(statement.params));
    return result.rows[0]["QUERY PLAN"][0].Plan as PlanNode;
  } finally {
    await client.end();
  }
}

export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}
