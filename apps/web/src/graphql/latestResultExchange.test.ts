import { Client, type Operation, type OperationResult, createRequest, gql, makeResult } from "urql";
import { describe, expect, it } from "vitest";
import { makeSubject, pipe, subscribe } from "wonka";
import { latestResultExchange } from "./latestResultExchange";

const RunQuery = gql`
  query Run($id: ID!) {
    node(id: $id) {
      id
    }
  }
`;

/** The exchange between a controllable stream of operations and a network that answers when told. */
function harness() {
  const operations = makeSubject<Operation>();
  const answers = makeSubject<OperationResult>();
  const delivered: unknown[] = [];
  const client = new Client({ url: "/graphql", exchanges: [] });
  const exchange = latestResultExchange({
    client,
    dispatchDebug: () => {},
    forward: (operations$) => {
      pipe(
        operations$,
        subscribe(() => {}),
      );
      return answers.source;
    },
  });
  pipe(
    exchange(operations.source),
    subscribe((result) => delivered.push(result.data)),
  );
  const request = (id: string) => {
    const operation = client.createRequestOperation("query", createRequest(RunQuery, { id }), { requestPolicy: "network-only" });
    operations.next(operation);
    return operation;
  };
  const answer = (operation: Operation, status: string) => answers.next(makeResult(operation, { data: { status } }));
  return { delivered, request, answer };
}

describe("latest request wins", () => {
  it("drops an older answer that arrives after the answer to a later request of the same query", () => {
    const { delivered, request, answer } = harness();
    const before = request("run-1"); // e.g. the refetch a mutation triggered
    const after = request("run-1"); // the page's own refetch, once the preview started
    answer(after, "PREVIEWED");
    answer(before, "SCOPED");
    expect(delivered).toEqual([{ status: "PREVIEWED" }]);
  });

  it("delivers answers that arrive in order, and keeps queries with other variables apart", () => {
    const { delivered, request, answer } = harness();
    const first = request("run-1");
    const second = request("run-1");
    const other = request("run-2");
    answer(first, "SCOPED");
    answer(other, "DRAFT");
    answer(second, "PREVIEWED");
    expect(delivered).toEqual([{ status: "SCOPED" }, { status: "DRAFT" }, { status: "PREVIEWED" }]);
  });
});
