import { graphql } from "./generated";
import type { SummaryCountFieldsFragment } from "./generated/graphql";

/** The Relay connection shape (edges/node/pageInfo/totalCount) that paging helpers accept from any query. */
export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One count of a run's or set's summary (e.g. created: 3); spread wherever summary counts are shown. */
export const SummaryCountFields = graphql(`
  fragment SummaryCountFields on SummaryCount {
    key
    value
  }
`);

export type SummaryCount = SummaryCountFieldsFragment;

export function nodesOf<Node>(connection: { edges: { node: Node }[] } | null | undefined): Node[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}
