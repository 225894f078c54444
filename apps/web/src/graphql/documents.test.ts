import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, type DocumentNode, NoUnusedFragmentsRule, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import * as backupDetail from "../features/backup-detail/documents";
import * as backups from "../features/backups/documents";
import * as backupSchedule from "../features/backups/scheduleDocuments";
import * as environments from "../features/environments/documents";
import * as inventory from "../features/inventory/documents";
import * as notifications from "../features/notifications/documents";
import * as operations from "../features/operations/documents";
import * as policyHistory from "../features/policy-history/documents";
import * as restoreWizard from "../features/restore-wizard/documents";
import * as restores from "../features/restores/documents";
import * as restoreList from "../features/restores/listDocuments";
import * as restoreMutations from "../features/restores/mutations";
import * as runDetail from "../features/run-detail/documents";
import * as session from "../session/documents";
import * as mutationErrors from "./mutationErrors";

// The printed schema the API commits; the SPA's operations must stay valid against it.
const schemaPath = fileURLToPath(new URL("../../../api/schema.graphql", import.meta.url));

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Document";
}

const documentModules = [
  backupDetail,
  backupSchedule,
  backups,
  environments,
  inventory,
  notifications,
  operations,
  policyHistory,
  restoreList,
  restoreMutations,
  restores,
  restoreWizard,
  runDetail,
  session,
  mutationErrors,
]
  .flatMap((module) => Object.entries(module))
  .filter((entry): entry is [string, DocumentNode] => isDocument(entry[1]));

const hasOperation = (document: DocumentNode) => document.definitions.some((definition) => definition.kind === "OperationDefinition");

/** Every operation document the SPA sends (fragments are validated as part of their operations). */
const operationDocuments = documentModules.filter(([, document]) => hasOperation(document));

/** Shared fragments on their own too, so one no operation spreads yet is still checked. */
const fragmentDocuments = documentModules.filter(([, document]) => !hasOperation(document));
const fragmentRules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

describe.skipIf(!existsSync(schemaPath))("SPA operations against apps/api/schema.graphql", () => {
  const schema = existsSync(schemaPath) ? buildSchema(readFileSync(schemaPath, "utf8")) : null;

  it.each(operationDocuments)("%s is valid", (_name, document) => {
    const errors = validate(schema!, document).map((error) => error.message);
    expect(errors).toEqual([]);
  });

  it.each(fragmentDocuments)("fragment %s is valid", (_name, document) => {
    const errors = validate(schema!, document, fragmentRules).map((error) => error.message);
    expect(errors).toEqual([]);
  });
});
