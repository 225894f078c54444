import { useEffect, useRef, useState } from "react";
import { type Client, type OperationResult, type TypedDocumentNode, useClient } from "urql";
import type { Connection } from "./connection";
import { errorMessage } from "./errors";

export interface AllPages<Node> {
  /** Null until the first complete load; kept while a refresh loads, so lists do not flicker. */
  nodes: Node[] | null;
  totalCount: number | null;
  loading: boolean;
  error: string | null;
}

/** A page cap that keeps a runaway cursor from looping forever (100 items a page). */
const MAX_PAGES = 50;

type PageDocument<Data> = TypedDocumentNode<Data, { id: string; after: string | null }>;

async function loadAllPages<Data, Node>(
  client: Client,
  document: PageDocument<Data>,
  id: string,
  select: (data: Data) => Connection<Node> | null,
): Promise<{ nodes: Node[]; totalCount: number } | { error: string }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result: OperationResult<Data> = await client.query(document, { id, after }, { requestPolicy: "network-only" }).toPromise();
    if (result.error) return { error: errorMessage(result.error) };
    const connection: Connection<Node> | null = result.data ? select(result.data) : null;
    if (!connection) break;
    nodes.push(...connection.edges.map((edge) => edge.node));
    totalCount = connection.totalCount;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return { nodes, totalCount };
}

/**
 * Loads EVERY page of one connection of a node (e.g. a backup set's items), again whenever
 * `refreshKey` changes. For views that select or summarize the whole set client-side.
 * `select` must be a stable (module-level) function.
 *
 * Loads run one after another: urql shares an in-flight operation between callers with the same
 * variables, so a reload started while an older request is still out would receive that older
 * (stale) answer. A load superseded while it waits is skipped.
 */
export function useAllPages<Data, Node>(
  document: PageDocument<Data>,
  id: string | null,
  select: (data: Data) => Connection<Node> | null,
  refreshKey = "",
): AllPages<Node> {
  const client = useClient();
  const [state, setState] = useState<AllPages<Node>>({ nodes: null, totalCount: null, loading: Boolean(id), error: null });
  const generation = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the explicit reload trigger.
  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    if (!id) {
      setState({ nodes: null, totalCount: null, loading: false, error: null });
      return;
    }
    setState((previous) => ({ ...previous, loading: true, error: null }));
    queue.current = queue.current.then(async () => {
      if (mine !== generation.current) return;
      const loaded = await loadAllPages(client, document, id, select).catch((error: unknown) => ({
        error: error instanceof Error ? error.message : String(error),
      }));
      if (mine !== generation.current) return;
      if ("error" in loaded) setState((previous) => ({ ...previous, loading: false, error: loaded.error }));
      else setState({ nodes: loaded.nodes, totalCount: loaded.totalCount, loading: false, error: null });
    });
    return () => {
      generation.current += 1;
    };
  }, [client, document, id, select, refreshKey]);

  return state;
}
