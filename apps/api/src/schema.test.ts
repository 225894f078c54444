import { readFileSync } from "node:fs";
import { GraphQLEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, printedSchema } from "./print-schema.ts";
import { schema } from "./schema.ts";

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
      // Restore (bound by the restore issue; the SPA builds against them).
      "createRestoreRun(input: CreateRestoreRunInput!): RestoreRunResult!",
      "setRestoreScope(input: SetRestoreScopeInput!): RestoreRunResult!",
      "startRestorePreview(input: StartRestorePreviewInput!): StartRestorePreviewResult!",
      "confirmRestoreRun(input: ConfirmRestoreRunInput!): RestoreRunResult!",
      "union RestoreRunResult = ConflictError | ForbiddenError | NotFoundError | RestoreRunPayload | ValidationError",
      "union StartRestorePreviewResult = ConflictError | ForbiddenError | NotFoundError | RestorePreviewPayload | ValidationError",
      "type RestoreRun implements Node",
      "type RestoreItem implements Node",
      "type EvidenceSnapshot implements Node",
      "checks: [SafetyCheck!]!",
      "counts: RestoreCounts!",
      "previewSummary: [SummaryCount!]!",
      "resultAttention: ResultAttention!",
      "evidenceSnapshot: EvidenceSnapshot",
      "previewOperationRun: OperationRun",
      "sourceBackupSet: BackupSet",
      "environment: ManagedEnvironment!",
      "backupItem: BackupItem!",
      "changes: [SettingChange!]!",
      "unmappedReferences: [UnmappedReference!]!",
      "outcome: RestoreItemOutcome!",
      "action: RestoreAction",
      "error: RunFailure",
      "items: [VerificationItem!]!",
      "primaryCauseFamily: String",
      "recoveryClaimBoundary: String!",
      "previewOnly: Boolean!",
      // Baselines (bound by the baselines and drift issue).
      "type Baseline implements Node",
      "type BaselineVersion implements Node",
      "baselines(after: String, before: String, first: Int, last: Int, workspaceId: ID!): BaselineConnection!",
      "createBaselineFromBackup(input: CreateBaselineFromBackupInput!): CreateBaselineFromBackupResult!",
      "importBaseline(input: ImportBaselineInput!): ImportBaselineResult!",
      "assignBaseline(input: BaselineAssignmentInput!): AssignBaselineResult!",
      "unassignBaseline(input: BaselineAssignmentInput!): UnassignBaselineResult!",
      "type BaselinePayload {\n  baseline: Baseline!\n}",
      "union ImportBaselineResult = BaselinePayload | ConflictError | ForbiddenError | NotFoundError | ValidationError",
    ]) {
      expect(sdl).toContain(binding);
    }
    expect(sdl).toMatch(/operationRuns\([^)]*workspaceId: ID!\): OperationRunConnection!/);
    expect(sdl).toMatch(/restoreRuns\([^)]*filter: RestoreRunFilter[^)]*workspaceId: ID!\): RestoreRunConnection!/);
    expect(sdl).toMatch(/items\([^)]*first: Int[^)]*\): RestoreItemConnection!/);
    const enums: Record<string, string[]> = {
      RestoreRunStatus: [
        "DRAFT",
        "SCOPED",
        "CHECKED",
        "PREVIEWED",
        "PENDING",
        "QUEUED",
        "RUNNING",
        "COMPLETED",
        "DRY_RUN_COMPLETED",
        "PARTIAL",
        "FAILED",
        "CANCELLED",
      ],
      RestoreScopeMode: ["WITH_ASSIGNMENTS", "WITHOUT_ASSIGNMENTS", "ASSIGNMENTS_ONLY"],
      RestoreAction: ["CREATE", "UPDATE", "NO_CHANGE", "SKIP"],
      RestoreItemOutcome: ["PENDING", "APPLIED", "PARTIAL", "FAILED", "SKIPPED", "NON_APPLIED"],
      CheckSeverity: ["BLOCKER", "WARNING", "INFO"],
      ResultAttentionState: ["NOT_EXECUTED", "IN_PROGRESS", "COMPLETED", "PARTIAL", "FAILED", "COMPLETED_WITH_FOLLOW_UP"],
    };
    for (const [name, values] of Object.entries(enums)) {
      const type = schema.getType(name);
      expect(type, name).toBeInstanceOf(GraphQLEnumType);
      expect(
        (type as GraphQLEnumType)
          .getValues()
          .map((value) => value.name)
          .sort(),
        name,
      ).toEqual([...values].sort());
    }
    expect(sdl).toMatch(/operationRunsChanged\(environmentIds: \[ID!\], workspaceId: ID!\): OperationRun!/);
  });
});
