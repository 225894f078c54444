import { type ConformanceCounts as CountsShape, type FleetConformanceRow as RowShape, fleetConformance } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdsOf, requireRawId, toGlobalId } from "../ids.ts";
import { Baseline } from "./baseline.ts";
import { ManagedEnvironment } from "./environment.ts";
import { OperationRun } from "./operation-run.ts";

const ConformanceCounts = builder.objectRef<CountsShape>("ConformanceCounts").implement({
  description:
    "How an environment's objects compare with the baseline version its last check compared. Accepted drift counts as equal; changed and missing count findings still open or reverted but not yet confirmed by a check.",
  fields: (t) => ({
    items: t.exposeInt("items", { description: "Objects of the compared baseline version." }),
    equal: t.exposeInt("equal"),
    changed: t.exposeInt("changed"),
    missing: t.exposeInt("missing"),
    ambiguous: t.exposeInt("ambiguous", { description: "Objects the tenant holds more than once by type and name." }),
  }),
});

const CheckedBaselineVersion = builder.objectRef<NonNullable<RowShape["checkedVersion"]>>("CheckedBaselineVersion").implement({
  description: "The baseline version a drift check compared.",
  fields: (t) => ({
    id: t.id({ description: "The BaselineVersion's id.", resolve: (version) => toGlobalId("BaselineVersion", version.id) }),
    number: t.exposeInt("number"),
    itemCount: t.exposeInt("itemCount"),
  }),
});

const FleetConformanceRow = builder.objectRef<RowShape>("FleetConformanceRow").implement({
  description: "One environment against one baseline assigned to it.",
  fields: (t) => ({
    environment: t.field({ type: ManagedEnvironment, resolve: (row) => row.environment }),
    baseline: t.field({ type: Baseline, resolve: (row) => row.baseline }),
    checkedVersion: t.field({
      type: CheckedBaselineVersion,
      nullable: true,
      description: "The version the last check that recorded findings compared; null until a check has compared this baseline.",
      resolve: (row) => row.checkedVersion,
    }),
    counts: t.field({
      type: ConformanceCounts,
      nullable: true,
      description: "Null until a check has compared this baseline (e.g. just assigned).",
      resolve: (row) => row.counts,
    }),
    unmanaged: t.exposeInt("unmanaged", { description: "Live objects of covered types that the baseline does not name." }),
    openFindings: t.exposeInt("openFindings", { description: "Findings still OPEN, of any kind." }),
    drifted: t.exposeBoolean("drifted", { description: "Open findings, or objects still changed, missing or ambiguous." }),
    lastCheck: t.field({
      type: OperationRun,
      nullable: true,
      description: "The environment's newest finished drift check: its completedAt, outcome, reconciliation and proof gaps.",
      resolve: (row) => row.lastCheck,
    }),
    activeCheck: t.field({
      type: OperationRun,
      nullable: true,
      description: "The environment's drift check still queued or running.",
      resolve: (row) => row.activeCheck,
    }),
  }),
});

const FleetConformanceFilter = builder.inputType("FleetConformanceFilter", {
  fields: (t) => ({
    environmentIds: t.idList(),
    baselineIds: t.idList(),
    onlyDrifted: t.boolean({ description: "Only rows with open findings or objects still changed, missing or ambiguous." }),
  }),
});

builder.queryField("fleetConformance", (t) =>
  t.field({
    type: [FleetConformanceRow],
    description:
      "One row per environment and baseline assigned to it, by environment then baseline name (needs baseline.read). Read in a fixed number of SQL statements whatever the number of rows.",
    args: { workspaceId: t.arg.id({ required: true }), filter: t.arg({ type: FleetConformanceFilter }) },
    resolve: (_root, args, context) =>
      fleetConformance(context.db, requireActor(context), requireRawId(String(args.workspaceId), "Workspace", "Workspace"), {
        environmentIds: rawIdsOf(args.filter?.environmentIds, "ManagedEnvironment"),
        baselineIds: rawIdsOf(args.filter?.baselineIds, "Baseline"),
        onlyDrifted: args.filter?.onlyDrifted,
      }),
  }),
);
