import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, printedSchema } from "./print-schema.ts";

describe("schema.graphql", () => {
  it("matches the schema the code builds", () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    const current = printedSchema();
    expect(committed === current, "apps/api/schema.graphql is out of date: run `pnpm schema:print` and commit the file.").toBe(true);
  });

  it("keeps the binding names of the API contract", () => {
    const sdl = printedSchema();
    for (const binding of [
      "viewer: Viewer!",
      "node(id: ID!): Node",
      "nodes(ids: [ID!]!): [Node]!",
      "workspace(id: ID!): Workspace",
      "startInventorySync(input: StartInventorySyncInput!): StartInventorySyncResult!",
      "startBackup(input: StartBackupInput!): StartBackupResult!",
      "cancelOperationRun(input: CancelOperationRunInput!): CancelOperationRunResult!",
      "reconcileOperationRun(input: ReconcileOperationRunInput!): ReconcileOperationRunResult!",
      "operationRunUpdated(id: ID!): OperationRun!",
      "proofGaps: [ProofGap!]!",
      "summaryCounts: [SummaryCount!]!",
      "reconciliation: Reconciliation",
      "interface Error",
    ]) {
      expect(sdl).toContain(binding);
    }
    expect(sdl).toMatch(/operationRuns\([^)]*workspaceId: ID!\): OperationRunConnection!/);
    expect(sdl).toMatch(/operationRunsChanged\(environmentIds: \[ID!\], workspaceId: ID!\): OperationRun!/);
  });
});
