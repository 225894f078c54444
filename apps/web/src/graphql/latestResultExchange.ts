import type { Exchange, Operation, OperationResult } from "urql";
import { filter, map, pipe } from "wonka";

/**
 * Latest request wins: a query result is delivered only if no result of a LATER request for the same
 * query and variables was delivered already. urql sends a network-only refetch even while an older
 * request of that query is still out (a mutation's refetch, then the page's own), and under load the
 * server may answer the older one last: without this, that stale answer would overwrite the fresh one
 * in the cache and the page (e.g. a restore run shown as not yet previewed, whose preview already ran)
 * would stay behind for good.
 */
export const latestResultExchange: Exchange = ({ forward }) => {
  let sequence = 0;
  const sentAt = new WeakMap<Operation, number>();
  const deliveredUpTo = new Map<number, number>();
  return (operations$) =>
    pipe(
      forward(
        pipe(
          operations$,
          map((operation) => {
            if (operation.kind === "query") sentAt.set(operation, ++sequence);
            if (operation.kind === "teardown") deliveredUpTo.delete(operation.key);
            return operation;
          }),
        ),
      ),
      filter((result: OperationResult) => {
        const sent = sentAt.get(result.operation);
        if (result.operation.kind !== "query" || sent === undefined) return true;
        if (sent < (deliveredUpTo.get(result.operation.key) ?? 0)) return false;
        deliveredUpTo.set(result.operation.key, sent);
        return true;
      }),
    );
};
