/** Relay connection shapes as the API serves them (edges/node/pageInfo/totalCount). */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface SummaryCount {
  key: string;
  value: number;
}

export function nodesOf<Node>(connection: { edges: { node: Node }[] } | null | undefined): Node[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}
