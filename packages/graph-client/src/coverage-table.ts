// The README's coverage table is written from the contract registry (`pnpm docs:coverage`) and a
// test compares the two, so what the README promises per type cannot drift from what the code does.

import { type ObjectContract, allContracts } from "./contracts.ts";
import type { SubResource } from "./contract-types.ts";

export const COVERAGE_START = "<!-- coverage:start (pnpm docs:coverage writes this table from the contract registry) -->";
export const COVERAGE_END = "<!-- coverage:end -->";

function captured(resource: SubResource): string {
  switch (resource.kind) {
    case "collection": {
      const nested = resource.perItem ? ` with their ${resource.perItem.key}` : "";
      const counted = resource.totalProperty ? ` (counted against ${resource.totalProperty})` : resource.requestCount ? " (counted)" : "";
      return `${resource.key}${nested}${counted}`;
    }
    case "expand":
      return resource.key;
    case "detailProperties":
      return resource.properties.map((property) => property.name).join(", ");
  }
}

function backupCell(contract: ObjectContract): string {
  const parts = ["object", ...contract.subResources.map(captured), ...(contract.hasAssignments ? ["assignments"] : [])];
  return parts.join(", ");
}

function restoreCell(contract: ObjectContract): string {
  if (contract.restoreSupport === "previewOnly") return `preview only: ${contract.previewOnlyReason ?? "no reason recorded"}`;
  const order = contract.isFoundation ? "yes, first (a foundation other objects reference)" : "yes";
  const remapped = [
    ...contract.dependsOn.map((dependency) => dependency.foundation),
    ...contract.directoryReferences.map((reference) => (reference.kind === "users" ? "users (same tenant only)" : reference.kind)),
  ];
  const restored = remapped.length ? `${order}; ${[...new Set(remapped)].join(", ")} remapped` : order;
  const builtIn = contract.builtIn ? `; built-in ones preview only: ${contract.builtIn.reason}` : "";
  const objects = contract.previewOnlyObjects;
  const kinds = objects?.values.map((value) => value.replace("#microsoft.graph.", "")).join(", ");
  const previewOnly = objects ? `; ${kinds} preview only: ${objects.reason}` : "";
  const enforcement = contract.enforcement ? `; written ${contract.enforcement.description} unless switched on in the preview` : "";
  return `${restored}${enforcement}${builtIn}${previewOnly}`;
}

/** The Markdown table, one row per supported type, foundations first. */
export function coverageTableMarkdown(): string {
  const rows = [...allContracts]
    .sort((a, b) => Number(b.isFoundation) - Number(a.isFoundation))
    .map((contract) =>
      [
        `${contract.label} (\`${contract.key}\`)`,
        `\`${contract.apiVersion}/${contract.collectionPath}\``,
        backupCell(contract),
        restoreCell(contract),
        `\`${contract.permissions.read}\` / \`${contract.permissions.write}\``,
      ].join(" | "),
    );
  return [
    "| Type | Graph collection | Backup captures | Restore | Permission (backup / restore) |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

/** README text with the table between its markers replaced by the registry's current one. */
export function withCoverageTable(readme: string): string {
  const start = readme.indexOf(COVERAGE_START);
  const end = readme.indexOf(COVERAGE_END);
  if (start === -1 || end < start) throw new Error(`README.md lacks the markers ${COVERAGE_START} ... ${COVERAGE_END}`);
  return `${readme.slice(0, start + COVERAGE_START.length)}\n${coverageTableMarkdown()}\n${readme.slice(end)}`;
}
