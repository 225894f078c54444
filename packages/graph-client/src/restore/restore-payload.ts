// The ONE place that knows Graph's write bodies for Intune types. From a captured document (raw
// capture with `assignments`, or its normalized form) it builds the create or update body, the
// assignments for `/assign` and the follow-up writes below the object, with every foundation and
// group reference remapped into the target tenant (reference-remap.ts).
//
// What Graph wants, per type:
// - everything: no server-owned properties (ids at any depth, timestamps, `version`,
//   `settingCount`, `@odata.*` annotations except `@odata.type`, which selects the derived type),
//   nor the type's read-only ones (`supportsScopeTags`, `isBuiltIn`, `isGlobalScript` ...);
// - settings catalog: settings inline, on create and in the PUT that replaces them;
// - compliance: scheduled actions inline on create (exactly one block action is required); an
//   update sends them with `scheduleActionsForRules`, because PATCH ignores them;
// - ADMX: definition values are written with `updateDefinitionValues`, pointing at Microsoft's
//   global catalog through `definition@odata.bind` / `presentation@odata.bind`;
// - notification templates: localized messages are written one by one below the template;
// - app protection: the protected apps go through `targetApps` (with the policy's app group type);
// - role assignments: the role is named with `roleDefinition@odata.bind` (the expanded role is
//   only read), pointing at the target's role of the same name;
// - Conditional Access: the policy's state is report-only unless the operator switched it on
//   (enforcement.ts);
// - assignments: no `id`, `source`, `sourceId`; the body key differs per type (contract).

import type { SubResource } from "../contract-types.ts";
import { builtInReasonOf, type ContractKey, contractFor, previewOnlyReasonOf } from "../contracts.ts";
import type { GraphObject } from "../graph-client.ts";
import { forEachHolder, isRecord, parsePath } from "../normalize/payload-path.ts";
import { applyEnforcement } from "./enforcement.ts";
import { remapReferences } from "./reference-remap.ts";
import type { RestoreMode, RestorePayload, RestorePayloadOptions, SubResourceWrite } from "./restore-types.ts";

/** Root of `@odata.bind` references; Graph resolves the catalog entry from the path, whatever the host. */
const GRAPH_BIND_ROOT = "https://graph.microsoft.com/beta/deviceManagement";
const SERVER_OWNED = new Set(["id", "createdDateTime", "lastModifiedDateTime", "version", "settingCount"]);
const ASSIGNMENT_SERVER_OWNED = ["id", "source", "sourceId"];

export class RestorePayloadError extends Error {
  constructor(
    readonly code: "restoreNotSupported" | "incompletePayload",
    message: string,
  ) {
    super(message);
    this.name = "RestorePayloadError";
  }
}

/** How a contained collection reaches Graph: in the object's body, as a follow-up write, or as a bind in the body. */
type SubResourceRoute = (
  items: GraphObject[],
  mode: RestoreMode,
) => { inline: boolean; write?: SubResourceWrite; bind?: { property: string; value: string } };

const SUB_RESOURCE_ROUTES: Record<string, SubResourceRoute> = {
  settings: () => ({ inline: true }),
  scheduledActionsForRule: (rules, mode) =>
    mode === "create" ? { inline: true } : { inline: false, write: { kind: "scheduledActions", rules } },
  definitionValues: (values, mode) => ({
    inline: false,
    ...(values.length > 0 || mode === "update"
      ? { write: { kind: "definitionValues", values: values.map(definitionValueBody), replaceExisting: mode === "update" } }
      : {}),
  }),
  localizedNotificationMessages: (messages, mode) => ({
    inline: false,
    write: { kind: "localizedNotificationMessages", messages, replaceExisting: mode === "update" },
  }),
  // A new policy starts without apps; an update replaces them, also with none.
  apps: (apps, mode) => ({ inline: false, ...(apps.length > 0 || mode === "update" ? { write: { kind: "targetApps", apps } } : {}) }),
  roleDefinition: ([role]) => ({ inline: false, bind: { property: "roleDefinition@odata.bind", value: roleDefinitionBind(role) } }),
};

/** A role assignment names its role by a bind to the target's role definition (already remapped). */
function roleDefinitionBind(role: GraphObject | undefined): string {
  if (typeof role?.id !== "string") {
    throw new RestorePayloadError(
      "incompletePayload",
      "A role assignment lacks its role definition (capture it with $expand=roleDefinition).",
    );
  }
  return `${GRAPH_BIND_ROOT}/roleDefinitions('${role.id}')`;
}

export function restorePayload(typeKey: ContractKey, document: Record<string, unknown>, options: RestorePayloadOptions): RestorePayload {
  const contract = contractFor(typeKey);
  if (contract.restoreSupport !== "full") {
    throw new RestorePayloadError("restoreNotSupported", `${contract.label} (${typeKey}) can be previewed but not restored.`);
  }
  const builtIn = builtInReasonOf(typeKey, document);
  if (builtIn) throw new RestorePayloadError("restoreNotSupported", `${contract.label} (${typeKey}) is built in: ${builtIn}`);
  const previewOnly = previewOnlyReasonOf(typeKey, document);
  if (previewOnly)
    throw new RestorePayloadError("restoreNotSupported", `${contract.label} (${typeKey}) can only be previewed: ${previewOnly}`);
  const mode = options.mode ?? "create";
  const { document: remapped, unmapped } = remapReferences(typeKey, document, options);
  // Before the body is cut from it: what is written is also what the target must read back as.
  const enforcement = applyEnforcement(contract, remapped, options.switchedOn === true);
  const { assignments: rawAssignments, ...entity } = remapped;
  const assignments = contract.hasAssignments && Array.isArray(rawAssignments) ? rawAssignments.map(assignmentBody) : [];

  // ADMX catalog ids must survive until they are turned into binds, so the route runs first.
  const body: GraphObject = { ...entity };
  const subResourceWrites: SubResourceWrite[] = [];
  const binds: Record<string, string> = {};
  for (const sub of contract.subResources) {
    const key = subResourceKey(sub);
    if (key === undefined || !(key in body)) continue;
    const items = Array.isArray(body[key]) ? (body[key] as GraphObject[]).map(withoutServerOwned) : [];
    // Ids matter for catalog binds (ADMX) and navigation binds (the role): those routes get the items as captured.
    const asCaptured =
      key === "definitionValues" ? (body[key] as GraphObject[]) : sub.kind === "expand" && sub.single ? [body[key] as GraphObject] : items;
    const route = SUB_RESOURCE_ROUTES[key]?.(asCaptured, mode);
    if (!route) throw new Error(`No restore route for ${typeKey}.${key}`);
    delete body[key];
    if (route.inline) body[key] = items;
    if (route.write) subResourceWrites.push(withAppGroupType(route.write, body));
    if (route.bind) binds[route.bind.property] = route.bind.value;
  }
  const unbound = contract.subResources.find(
    (sub) => sub.kind === "expand" && sub.single && mode === "create" && !(`${sub.key}@odata.bind` in binds),
  );
  if (unbound?.kind === "expand") {
    throw new RestorePayloadError(
      "incompletePayload",
      `A ${contract.label.toLowerCase()} cannot be created without its ${unbound.key} (capture it with $expand=${unbound.expand}).`,
    );
  }
  if (typeKey === "deviceCompliancePolicies" && mode === "create" && !Array.isArray(body.scheduledActionsForRule)) {
    throw new RestorePayloadError(
      "incompletePayload",
      "A compliance policy cannot be created without its scheduled actions (capture them with $expand).",
    );
  }

  const cleaned = { ...withoutServerOwned(body), ...binds };
  const readOnly = [...contract.normalization.stripPaths.filter((path) => !path.startsWith("assignments")), ...contract.readOnlyPaths];
  const notWritable = [...readOnly, ...(mode === "update" ? (contract.createOnlyPaths ?? []) : [])];
  for (const path of notWritable) forEachHolder(cleaned, parsePath(path), (holder, key) => delete holder[key]);
  return {
    typeKey,
    mode,
    body: cleaned,
    assignments,
    unmapped,
    subResourceWrites,
    expectedDocument: remapped,
    ...(enforcement ? { enforcement } : {}),
  };
}

/** `targetApps` also sets the app group type (selected apps, all Microsoft apps ...); sent along so it is never reset. */
function withAppGroupType(write: SubResourceWrite, body: GraphObject): SubResourceWrite {
  if (write.kind !== "targetApps" || typeof body.appGroupType !== "string") return write;
  return { ...write, appGroupType: body.appGroupType };
}

function subResourceKey(sub: SubResource): string | undefined {
  return sub.kind === "detailProperties" ? undefined : sub.key;
}

function assignmentBody(assignment: unknown): GraphObject {
  const body = withoutServerOwned(isRecord(assignment) ? assignment : {});
  for (const key of ASSIGNMENT_SERVER_OWNED) delete body[key];
  return body;
}

/** An ADMX definition value as `updateDefinitionValues` takes it: binds instead of the catalog entities. */
function definitionValueBody(value: GraphObject): GraphObject {
  const definitionId = (value.definition as GraphObject | undefined)?.id;
  if (typeof definitionId !== "string") {
    throw new RestorePayloadError(
      "incompletePayload",
      "An ADMX definition value lacks its definition (capture it with $expand=definition).",
    );
  }
  const bind = `${GRAPH_BIND_ROOT}/groupPolicyDefinitions('${definitionId}')`;
  const presentationValues = (Array.isArray(value.presentationValues) ? (value.presentationValues as GraphObject[]) : []).map((item) => {
    const presentationId = (item.presentation as GraphObject | undefined)?.id;
    if (typeof presentationId !== "string") {
      throw new RestorePayloadError(
        "incompletePayload",
        "An ADMX presentation value lacks its presentation (capture it with $expand=presentation).",
      );
    }
    const { presentation: _presentation, ...rest } = withoutServerOwned(item);
    return { ...rest, "presentation@odata.bind": `${bind}/presentations('${presentationId}')` };
  });
  const { definition: _definition, presentationValues: _values, ...rest } = withoutServerOwned(value);
  return { ...rest, "definition@odata.bind": bind, presentationValues };
}

/** A private copy without ids, timestamps, versions, counters and annotations (except `@odata.type`), at any depth. */
function withoutServerOwned(node: GraphObject): GraphObject {
  return strip(node) as GraphObject;
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // Annotations and advertised operations (`#microsoft.graph.assign`) are metadata, never properties.
    const annotation = (key !== "@odata.type" && key.includes("@odata.")) || key.startsWith("#");
    if (!SERVER_OWNED.has(key) && !annotation) copy[key] = strip(value);
  }
  return copy;
}
