// `POST /groupPolicyConfigurations/{id}/updateDefinitionValues`: the way TenantAtlas writes what an
// ADMX profile configures (Graph also offers item-wise POST/PATCH/DELETE on /definitionValues; one
// action per profile costs one write instead of one per value, which matters under Intune's write
// limit). Body: `{ added: [...], updated: [...], deletedIds: [...] }`, answered with 204.
// Added values point at the global catalog with `definition@odata.bind` and
// `presentation@odata.bind` (the definition and presentation entities are never sent inline).
// Everything is validated before anything changes, so a rejected call changes nothing.

import { deterministicGuid } from "../deterministic.ts";
import type { SimObject } from "../types.ts";
import { catalogDefinition } from "./admx-catalog.ts";
import type { ObjectAction } from "./definition.ts";

const DEFINITION_BIND = /groupPolicyDefinitions\('([^']+)'\)/;
const PRESENTATION_BIND = /presentations\('([^']+)'\)/;

type Problem = { problem: string };

export const updateDefinitionValues: ObjectAction = ({ store, stored, body }) => {
  const { added = [], updated = [], deletedIds = [] } = body as { added?: unknown; updated?: unknown; deletedIds?: unknown };
  if (!Array.isArray(added) || !Array.isArray(updated) || !Array.isArray(deletedIds)) {
    return "'added', 'updated' and 'deletedIds' must be arrays.";
  }
  const current = stored.children.definitionValues ?? [];
  const missing = deletedIds.find((id) => !current.some((value) => value.id === id));
  if (missing !== undefined) return `Definition value '${String(missing)}' was not found.`;
  const kept = current.filter((value) => !deletedIds.includes(value.id));
  const now = new Date().toISOString();
  const newId = (kind: string) => deterministicGuid(stored.body.id, kind, String(store.nextSequence()));

  const created: SimObject[] = [];
  for (const raw of added as Record<string, unknown>[]) {
    const built = buildAddedValue(raw, newId, now);
    if ("problem" in built) return built.problem;
    const value = built.value;
    const definitionId = (value.definition as SimObject).id;
    if ([...kept, ...created].some((other) => (other.definition as SimObject | undefined)?.id === definitionId)) {
      return `Definition '${definitionId}' is already configured in this profile.`;
    }
    created.push(value);
  }
  for (const raw of updated as Record<string, unknown>[]) {
    if (!kept.some((value) => value.id === raw?.id)) return `Definition value '${String(raw?.id)}' was not found.`;
  }
  for (const raw of updated as Record<string, unknown>[]) applyUpdate(kept.find((value) => value.id === raw.id) as SimObject, raw, now);
  stored.children.definitionValues = [...kept, ...created];
  return undefined;
};

function buildAddedValue(raw: Record<string, unknown>, newId: (kind: string) => string, now: string): { value: SimObject } | Problem {
  const definitionId = DEFINITION_BIND.exec(String(raw?.["definition@odata.bind"] ?? ""))?.[1];
  const catalog = definitionId === undefined ? undefined : catalogDefinition(definitionId);
  if (!catalog)
    return {
      problem: `'definition@odata.bind' must reference an existing groupPolicyDefinition (got '${String(raw?.["definition@odata.bind"])}').`,
    };
  const presentationValues: SimObject[] = [];
  for (const item of Array.isArray(raw.presentationValues) ? (raw.presentationValues as Record<string, unknown>[]) : []) {
    const presentationId = PRESENTATION_BIND.exec(String(item?.["presentation@odata.bind"] ?? ""))?.[1];
    const presentation = presentationId === undefined ? undefined : catalog.presentations.get(presentationId);
    if (!presentation)
      return { problem: `'presentation@odata.bind' must reference a presentation of definition '${catalog.definition.id}'.` };
    if (typeof item["@odata.type"] !== "string") return { problem: "Every presentation value needs its '@odata.type'." };
    const { "presentation@odata.bind": _bind, id: _id, ...properties } = item;
    presentationValues.push({
      ...properties,
      id: newId("presentationValues"),
      createdDateTime: now,
      lastModifiedDateTime: now,
      presentation,
    });
  }
  const { "definition@odata.bind": _bind, presentationValues: _values, id: _id, ...properties } = raw;
  const value: SimObject = {
    "@odata.type": "#microsoft.graph.groupPolicyDefinitionValue",
    configurationType: "policy",
    enabled: false,
    ...properties,
    id: newId("definitionValues"),
    createdDateTime: now,
    lastModifiedDateTime: now,
    definition: catalog.definition,
    presentationValues,
  };
  return { value };
}

/** `updated` entries change `enabled` / `configurationType` and the values of presentation values named by id. */
function applyUpdate(target: SimObject, raw: Record<string, unknown>, now: string): void {
  for (const key of ["enabled", "configurationType"]) if (raw[key] !== undefined) target[key] = raw[key];
  const values = Array.isArray(target.presentationValues) ? (target.presentationValues as SimObject[]) : [];
  for (const item of Array.isArray(raw.presentationValues) ? (raw.presentationValues as Record<string, unknown>[]) : []) {
    const existing = values.find((value) => value.id === item?.id);
    if (!existing) continue;
    const { id: _id, presentation: _presentation, "presentation@odata.bind": _bind, ...properties } = item;
    Object.assign(existing, properties, { lastModifiedDateTime: now });
  }
  target.lastModifiedDateTime = now;
}
