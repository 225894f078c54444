import { readFileSync } from "node:fs";
import {
  ATTENTION_CAUSE_FAMILIES,
  ATTENTION_CLAIM_CODES,
  ATTENTION_NEXT_ACTION_CODES,
  ATTENTION_SUMMARY_CODES,
  NOTIFICATION_KINDS,
  OBJECT_TYPES,
  OPERATION_TYPES,
  PROOF_GAP_CODES,
  PROVIDER_FAILURE_CODES,
  RECONCILIATION_ADAPTERS,
  RECONCILIATION_REASON_CODES,
  ROLES,
  RUN_EVENT_KINDS,
  RUN_EVENT_REASON_CODES,
  RUN_STEP_CODES,
  SAFETY_CHECK_CODES,
  SUMMARY_COUNT_KEYS,
  SYSTEM_ACTOR_NAMES,
} from "@atlas/core/codes";
import { buildSchema, isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { de } from "./de";
import { en } from "./en";

const languages = { en, de } as const;

/** Where each GraphQL enum's labels live; an enum missing here fails the test, so new enums get labels too. */
const enumLabelPaths: Record<string, string> = {
  OperationRunStatus: "runStatus",
  OperationRunOutcome: "runOutcome",
  ReconciliationDecision: "reconciliationDecision",
  BackupTrigger: "backups.trigger",
  BackupSetStatus: "labels.backupSetStatus",
  ExportFormat: "labels.exportFormat",
  SettingChangeKind: "policyHistory.kind",
  RestoreRunStatus: "restoreRun.status",
  ResultAttentionState: "restoreRun.attention",
  RestoreItemOutcome: "restoreRun.outcome",
  RestoreScopeMode: "restoreWizard.scope.modes",
  CheckSeverity: "restoreWizard.checks.severity",
  RestoreAction: "restoreWizard.preview.action",
  EnvironmentReviewStatus: "reviews.status",
  ReviewExportFormat: "labels.reviewExportFormat",
  DriftFindingState: "labels.driftFindingState",
  DriftFindingKind: "labels.driftFindingKind",
  BaselineDeploymentState: "labels.baselineDeploymentState",
  BaselineDeploymentTargetOutcome: "labels.baselineDeploymentTargetOutcome",
};

/** Every code family the API sends (core's lists) and the label family that words it. */
const codeFamilies: [string, readonly string[]][] = [
  ["labels.operationType", OPERATION_TYPES],
  ["labels.objectType", OBJECT_TYPES],
  ["labels.role", ROLES],
  ["labels.reconciliationReason", RECONCILIATION_REASON_CODES],
  ["labels.runEventReason", RUN_EVENT_REASON_CODES],
  ["labels.providerFailure", PROVIDER_FAILURE_CODES],
  ["labels.safetyCheck", SAFETY_CHECK_CODES],
  ["labels.attentionSummary", ATTENTION_SUMMARY_CODES],
  ["labels.attentionNext", ATTENTION_NEXT_ACTION_CODES],
  ["labels.attentionClaim", ATTENTION_CLAIM_CODES],
  ["labels.causeFamily", ATTENTION_CAUSE_FAMILIES],
  ["labels.adapter", RECONCILIATION_ADAPTERS],
  ["labels.systemActor", SYSTEM_ACTOR_NAMES],
  ["labels.eventKind", RUN_EVENT_KINDS],
  ["labels.runStep", RUN_STEP_CODES],
  ["labels.summaryCount", SUMMARY_COUNT_KEYS],
];

/** Codes contain dots, so paths are segment lists ("labels.operationType" + "inventory.sync"). */
function lookup(messages: object, path: string | string[]): unknown {
  return (Array.isArray(path) ? path : path.split(".")).reduce<unknown>(
    (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
    messages,
  );
}

/** "en: labels.proofGap.X.next" for every label that is missing or empty. */
function missing(path: string, keys: readonly string[], leaves: readonly string[] = [""]): string[] {
  return Object.entries(languages).flatMap(([language, messages]) =>
    keys.flatMap((key) =>
      leaves
        .map((leaf) => [...path.split("."), key, leaf].filter(Boolean))
        .filter((full) => {
          const value = lookup(messages, full);
          return typeof value !== "string" || value.trim() === "";
        })
        .map((full) => `${language}: ${full.join(" / ")}`),
    ),
  );
}

function leafPaths(node: object, prefix: string[] = []): string[][] {
  return Object.entries(node).flatMap(([key, value]) =>
    value && typeof value === "object" ? leafPaths(value, [...prefix, key]) : [[...prefix, key]],
  );
}

describe("labels", () => {
  const schema = buildSchema(readFileSync(new URL("../../../api/schema.graphql", import.meta.url), "utf8"));
  const enums = Object.values(schema.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith("__"));

  it("has an English and a German label for every value of every enum of the schema", () => {
    const unmapped = enums.map((type) => type.name).filter((name) => !(name in enumLabelPaths));
    expect(unmapped).toEqual([]);
    const gaps = enums.flatMap((type) =>
      isEnumType(type)
        ? missing(
            enumLabelPaths[type.name] ?? "",
            type.getValues().map((value) => value.name),
          )
        : [],
    );
    expect(gaps).toEqual([]);
  });

  it("has an English and a German label for every code the API can send", () => {
    const gaps = codeFamilies.flatMap(([path, codes]) => missing(path, codes));
    const gapTexts = missing("labels.proofGap", PROOF_GAP_CODES, ["title", "explanation", "next"]);
    const notifications = missing("labels.notification", NOTIFICATION_KINDS, ["title", "body"]);
    expect([...gaps, ...gapTexts, ...notifications]).toEqual([]);
  });

  it("uses the same interpolation values in German as in English", () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const differing = leafPaths(en).filter((path) => placeholders(lookup(en, path)).join() !== placeholders(lookup(de, path)).join());
    expect(differing).toEqual([]);
  });

  it("has every English key in German, non-empty", () => {
    expect(leafPaths(en).filter((path) => String(lookup(de, path) ?? "").trim() === "")).toEqual([]);
  });
});
