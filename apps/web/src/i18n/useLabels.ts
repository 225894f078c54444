import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { labelsEn } from "./labels.en";

type Labels = typeof labelsEn;
/** A message's values as the API sends them (MessageParam list). */
export type ApiParams = readonly { name: string; value: string }[] | null | undefined;

function hasKey<Map extends object>(map: Map, key: string): key is Extract<keyof Map, string> {
  return Object.hasOwn(map, key);
}

/** Keys are read from the English map; the German map has the same keys (typecheck + labels.test.ts). */
export function isLabelled<Family extends keyof Labels>(family: Family, code: string): code is Extract<keyof Labels[Family], string> {
  return hasKey(labelsEn[family] as object, code);
}

const upperSnake = (value: string) => value.toUpperCase();

// Codes contain dots ("inventory.sync", "operation_run.finished"), i18next's key separator: label
// lookups split their path on a character no code contains instead.
const SEPARATOR = "\u001f";

/** The label of a code in the selected language: labels.<family>.<code>[.<leaf>], interpolated. */
function labelOf(t: TFunction, path: string[], values?: Record<string, string>): string {
  const translate = t as unknown as (key: string, options: object) => string;
  return translate(["labels", ...path].join(SEPARATOR), { keySeparator: SEPARATOR, ...(values ? { replace: values } : {}) });
}

/** Turns API params into interpolation values, naming object types, operation types and outcomes. */
function paramValues(t: TFunction, params: ApiParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name, value } of params ?? []) {
    if (name === "type" && isLabelled("objectType", value)) values[name] = labelOf(t, ["objectType", value]);
    else if (name === "type" && isLabelled("operationType", value)) values[name] = labelOf(t, ["operationType", value]);
    else if (name === "outcome") values[name] = t(`runOutcome.${upperSnake(value)}` as "runOutcome.SUCCEEDED", { defaultValue: value });
    else values[name] = value;
  }
  return values;
}

function paramsComplete(text: string, values: Record<string, string>): boolean {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].every((match) => match[1] !== undefined && match[1] in values);
}

/**
 * Human wording of every code the API sends, in the selected language. A code this build does not
 * know yet (a newer server) falls back to the server's English text or to the code itself.
 */
export function useLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    const operationType = (type: string) => (isLabelled("operationType", type) ? labelOf(t, ["operationType", type]) : type);
    const objectType = (key: string) => (isLabelled("objectType", key) ? labelOf(t, ["objectType", key]) : key);
    /** A SummaryCount key: an object type, or a count such as total or succeeded. */
    const countKey = (key: string) =>
      isLabelled("objectType", key)
        ? labelOf(t, ["objectType", key])
        : isLabelled("summaryCount", key)
          ? labelOf(t, ["summaryCount", key])
          : key;
    const role = (value: string) => (isLabelled("role", value) ? labelOf(t, ["role", value]) : value);
    /** Reason codes of reconciliations, run events and failures share one namespace of meanings. */
    const reason = (code: string) => {
      if (isLabelled("reconciliationReason", code)) return labelOf(t, ["reconciliationReason", code]);
      if (isLabelled("runEventReason", code)) return labelOf(t, ["runEventReason", code]);
      if (isLabelled("providerFailure", code)) return labelOf(t, ["providerFailure", code]);
      if (code.startsWith("provider_")) return t("labels.providerOther", { code: code.slice("provider_".length) });
      return t("labels.unknownCode", { code });
    };
    const proofGapTitle = (code: string) => (isLabelled("proofGap", code) ? labelOf(t, ["proofGap", code, "title"]) : code);
    const proofGap = (gap: { code: string; message: string; params?: ApiParams }) => {
      if (!isLabelled("proofGap", gap.code)) return { title: gap.code, explanation: gap.message, next: null };
      const values = paramValues(t, gap.params);
      const template = labelsEn.proofGap[gap.code].explanation;
      // Gaps stored before the API sent params keep the server's English text.
      const explanation = paramsComplete(template, values) ? labelOf(t, ["proofGap", gap.code, "explanation"], values) : gap.message;
      return { title: labelOf(t, ["proofGap", gap.code, "title"]), explanation, next: labelOf(t, ["proofGap", gap.code, "next"]) };
    };
    const safetyCheck = (check: { code: string; message: string; params?: ApiParams }) => {
      if (!isLabelled("safetyCheck", check.code)) return check.message;
      const values = paramValues(t, check.params);
      return paramsComplete(labelsEn.safetyCheck[check.code], values) ? labelOf(t, ["safetyCheck", check.code], values) : check.message;
    };
    const adapter = (name: string, version: string) =>
      t("labels.adapterVersion", { adapter: isLabelled("adapter", name) ? labelOf(t, ["adapter", name]) : name, version });
    /** `actorName` from the API for users and tokens; system actors by their role in the product. */
    const actor = (label: string, actorName?: string | null) => {
      if (actorName) return actorName;
      const [kind, ...rest] = label.split(":");
      const name = rest.join(":");
      if (kind === "system") {
        const base = name.startsWith("worker:") ? "worker" : name;
        return isLabelled("systemActor", base) ? labelOf(t, ["systemActor", base]) : name;
      }
      return t("labels.actorUnknown");
    };
    const notification = (item: { kind: string; title: string; body: string; params?: ApiParams }) => {
      if (!isLabelled("notification", item.kind)) return { title: item.title, body: item.body };
      const values = paramValues(t, item.params);
      const template = labelsEn.notification[item.kind];
      if (!paramsComplete(template.title + template.body, values) || !values.environment) return { title: item.title, body: item.body };
      return {
        title: labelOf(t, ["notification", item.kind, "title"], values),
        body: labelOf(t, ["notification", item.kind, "body"], values),
      };
    };
    /** A restore's result in the reader's language; the server's English where this build lacks a code. */
    const attention = (result: {
      summary: string;
      summaryCode: string;
      summaryParams: ApiParams;
      primaryNextAction: string;
      primaryNextActionCode: string;
      recoveryClaimBoundary: string;
      recoveryClaimBoundaryCode: string;
      primaryCauseFamily?: string | null;
    }) => {
      const values = paramValues(t, result.summaryParams);
      const summary =
        isLabelled("attentionSummary", result.summaryCode) && paramsComplete(labelsEn.attentionSummary[result.summaryCode], values)
          ? labelOf(t, ["attentionSummary", result.summaryCode], values)
          : result.summary;
      const next = isLabelled("attentionNext", result.primaryNextActionCode)
        ? labelOf(t, ["attentionNext", result.primaryNextActionCode])
        : result.primaryNextAction;
      const claim = isLabelled("attentionClaim", result.recoveryClaimBoundaryCode)
        ? labelOf(t, ["attentionClaim", result.recoveryClaimBoundaryCode])
        : result.recoveryClaimBoundary;
      const family = result.primaryCauseFamily;
      const cause = family && isLabelled("causeFamily", family) ? labelOf(t, ["causeFamily", family]) : (family ?? null);
      return { summary, next, claim, cause };
    };
    const eventKind = (kind: string) => (isLabelled("eventKind", kind) ? labelOf(t, ["eventKind", kind]) : kind);
    /** A step of a running run ("Device configurations: 42 read"); the server's English for a code this build lacks. */
    const runStep = (step: { reasonCode?: string | null; message?: string | null; params?: ApiParams }) => {
      const code = step.reasonCode ?? "";
      const values = paramValues(t, step.params);
      if (!isLabelled("runStep", code) || !paramsComplete(labelsEn.runStep[code], values)) return step.message ?? code;
      return labelOf(t, ["runStep", code], values);
    };
    return {
      operationType,
      objectType,
      countKey,
      role,
      reason,
      proofGapTitle,
      proofGap,
      safetyCheck,
      attention,
      adapter,
      actor,
      notification,
      eventKind,
      runStep,
      params: (params: ApiParams) => paramValues(t, params),
    };
  }, [t]);
}
