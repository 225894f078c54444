// The client's write operations (restore) and the lookups restore needs (identity by name, groups).
// Every write is charged to the tenant's budget as a write and goes through the transport's retry
// loop, which honours Retry-After. What the loop may resend depends on idempotency:
// - PATCH, PUT, `/assign`, `scheduleActionsForRules`, `targetApps` and DELETE replace state: resending them after
//   a lost answer is harmless, so they are retried like reads;
// - creates (POST to a collection or a sub-collection, one assignment of terms and conditions) and
//   `updateDefinitionValues` are not: a
//   dropped connection, a timeout, a 504 or an unreadable 2xx answer becomes a GraphRequestError
//   `writeOutcomeUnknown`, and the caller looks the object up by name before trying again.
// 429 and 503 are refusals before anything was applied: retried after Retry-After in both cases.

import {
  assignActionPathOf,
  assignmentsPathOf,
  collectionPathOf,
  type ContractKey,
  contractFor,
  type ObjectContract,
  objectPathOf,
  subCollectionPathOf,
} from "../contracts.ts";
import type { GraphObject } from "../graph-client.ts";
import { GraphRequestError, isGraphRequestError, type UnknownOutcomeReason } from "../graph-request-error.ts";
import { resolveGraphUrl } from "../graph-paths.ts";
import type { Transport, TransportRequest, TransportResponse } from "../http-transport.ts";
import type { CreateAcceptance, DirectoryGroup, SubResourceWrite, WriteAcceptance } from "./restore-types.ts";

export interface WriteDependencies {
  transport: Transport;
  graphRoot: string;
  auth: Pick<TransportRequest, "getToken" | "invalidateToken">;
  listAll<T = GraphObject>(path: string): Promise<T[]>;
}

type WriteMethod = "POST" | "PATCH" | "PUT" | "DELETE";
const UNKNOWN_OUTCOME: ReadonlySet<string> = new Set<UnknownOutcomeReason>([
  "networkError",
  "timeout",
  "gatewayTimeout",
  "malformedResponse",
]);
const GROUPS_PATH = "/v1.0/groups";

export function createWriteApi(deps: WriteDependencies) {
  async function write(
    method: WriteMethod,
    path: string,
    body: unknown,
    options: { idempotent: boolean; needsId?: boolean },
  ): Promise<TransportResponse> {
    try {
      return await deps.transport.send({
        method,
        url: resolveGraphUrl(deps.graphRoot, path, method),
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...deps.auth,
        cost: { requests: 1, writes: 1 },
        idempotent: options.idempotent,
        ...(options.needsId
          ? { checkBody: (answer: unknown) => (typeof (answer as GraphObject | null)?.id === "string" ? undefined : "malformedResponse") }
          : {}),
      });
    } catch (error) {
      if (!options.idempotent && isGraphRequestError(error) && UNKNOWN_OUTCOME.has(error.code)) {
        throw new GraphRequestError({
          status: error.status,
          code: "writeOutcomeUnknown",
          reason: error.code as UnknownOutcomeReason,
          method,
          path: error.path,
          attempts: error.attempts,
          ...(error.requestId ? { requestId: error.requestId } : {}),
        });
      }
      throw error;
    }
  }

  const acceptance = (id: string, response: TransportResponse): WriteAcceptance => {
    const raw = isObject(response.body) ? response.body : undefined;
    const version = raw?.version;
    const requestId = response.headers.get("request-id");
    return {
      id,
      status: response.status,
      ...(typeof version === "string" || typeof version === "number" ? { version } : {}),
      ...(raw ? { raw } : {}),
      ...(requestId ? { requestId } : {}),
    };
  };

  async function createObject(typeKey: ContractKey, body: GraphObject): Promise<CreateAcceptance> {
    const contract = writableContract(typeKey, "POST");
    const response = await write("POST", collectionPathOf(contract), body, { idempotent: false, needsId: true });
    const raw = response.body as GraphObject;
    return { ...acceptance(String(raw.id), response), raw };
  }

  async function updateObject(typeKey: ContractKey, id: string, body: GraphObject): Promise<WriteAcceptance> {
    const contract = writableContract(typeKey, contractFor(typeKey).updateMethod);
    const response = await write(contract.updateMethod, objectPathOf(contract, id), body, { idempotent: true });
    return acceptance(id, response);
  }

  async function assign(typeKey: ContractKey, id: string, assignments: readonly GraphObject[]): Promise<WriteAcceptance> {
    const contract = writableContract(typeKey, "POST");
    if (contract.itemAssignments) return assignItemByItem(contract, id, assignments);
    const response = await write("POST", assignActionPathOf(contract, id), { [contract.assignBodyKey]: assignments }, { idempotent: true });
    return acceptance(id, response);
  }

  /**
   * Types without `/assign` (terms and conditions): the current assignments are deleted, then the
   * new ones created one by one. A create whose answer is lost ends the call (writeOutcomeUnknown);
   * running it again starts from the deletes, so it never leaves a duplicate.
   */
  async function assignItemByItem(contract: ObjectContract, id: string, assignments: readonly GraphObject[]): Promise<WriteAcceptance> {
    const path = assignmentsPathOf(contract, id);
    for (const existing of await deps.listAll<GraphObject>(path)) {
      await write("DELETE", `${path}/${encodeURIComponent(String(existing.id))}`, undefined, { idempotent: true });
    }
    const created: unknown[] = [];
    let last: TransportResponse | undefined;
    for (const assignment of assignments) {
      last = await write("POST", path, assignment, { idempotent: false });
      created.push(last.body);
    }
    return { ...(last ? acceptance(id, last) : { id, status: 204 }), raw: { value: created } };
  }

  async function writeSubResources(typeKey: ContractKey, id: string, writes: readonly SubResourceWrite[]): Promise<void> {
    const contract = writableContract(typeKey, "POST");
    for (const sub of writes) {
      if (sub.kind === "scheduledActions") {
        await write(
          "POST",
          `${objectPathOf(contract, id)}/scheduleActionsForRules`,
          { deviceComplianceScheduledActionForRules: sub.rules },
          { idempotent: true },
        );
      } else if (sub.kind === "definitionValues") {
        const existing = sub.replaceExisting ? await deps.listAll<GraphObject>(subCollectionPathOf(contract, id, "definitionValues")) : [];
        const deletedIds = existing.map((value) => String(value.id));
        if (sub.values.length === 0 && deletedIds.length === 0) continue;
        // Deletes and adds in one call: not idempotent (a resend would delete ids that are gone).
        await write(
          "POST",
          `${objectPathOf(contract, id)}/updateDefinitionValues`,
          { added: sub.values, updated: [], deletedIds },
          { idempotent: false },
        );
      } else if (sub.kind === "targetApps") {
        const body = { apps: sub.apps, ...(sub.appGroupType ? { appGroupType: sub.appGroupType } : {}) };
        await write("POST", `${objectPathOf(contract, id)}/targetApps`, body, { idempotent: true });
      } else {
        await writeLocalizedMessages(contract, id, sub);
      }
    }
  }

  /** One message per locale: patch the existing one, create a missing one, delete locales the source lacks. */
  async function writeLocalizedMessages(
    contract: ObjectContract,
    id: string,
    sub: Extract<SubResourceWrite, { kind: "localizedNotificationMessages" }>,
  ) {
    const path = subCollectionPathOf(contract, id, "localizedNotificationMessages");
    const existing = sub.replaceExisting ? await deps.listAll<GraphObject>(path) : [];
    const byLocale = new Map(existing.map((message) => [String(message.locale).toLowerCase(), message]));
    for (const message of sub.messages) {
      const current = byLocale.get(String(message.locale).toLowerCase());
      byLocale.delete(String(message.locale).toLowerCase());
      if (current) await write("PATCH", `${path}/${encodeURIComponent(String(current.id))}`, message, { idempotent: true });
      else await write("POST", path, message, { idempotent: false, needsId: true });
    }
    for (const stale of byLocale.values()) {
      try {
        await write("DELETE", `${path}/${encodeURIComponent(String(stale.id))}`, undefined, { idempotent: true });
      } catch (error) {
        // A resent DELETE whose first attempt went through finds nothing: the goal is reached.
        if (!(isGraphRequestError(error) && error.status === 404)) throw error;
      }
    }
  }

  /**
   * Every object of the type whose name equals `name`, ignoring case (Graph compares names that
   * way; restore treats "Foo" and "foo" as the same identity, so two of them are an ambiguity).
   */
  async function findByDisplayName(typeKey: ContractKey, name: string): Promise<GraphObject[]> {
    const contract = contractFor(typeKey);
    const field = contract.displayNameField;
    const path = contract.supportsNameFilter
      ? `${collectionPathOf(contract)}?$filter=${nameFilter(field, name)}`
      : collectionPathOf(contract);
    return (await deps.listAll<GraphObject>(path)).filter((object) => sameName(object[field], name));
  }

  async function listGroups(): Promise<DirectoryGroup[]> {
    return (await deps.listAll<GraphObject>(`${GROUPS_PATH}?$select=id,displayName&$top=999`)).map(toGroup);
  }

  async function findGroupsByDisplayName(name: string): Promise<DirectoryGroup[]> {
    const groups = await deps.listAll<GraphObject>(`${GROUPS_PATH}?$filter=${nameFilter("displayName", name)}&$select=id,displayName`);
    return groups.filter((group) => sameName(group.displayName, name)).map(toGroup);
  }

  return { createObject, updateObject, assign, writeSubResources, findByDisplayName, listGroups, findGroupsByDisplayName };
}

/** Refuses writes to preview-only types before anything is sent: the provider boundary's own safety net. */
function writableContract(typeKey: ContractKey, method: WriteMethod): ObjectContract {
  const contract = contractFor(typeKey);
  if (contract.restoreSupport !== "full") {
    throw new GraphRequestError({ status: 0, code: "restoreNotSupported", method, path: collectionPathOf(contract) });
  }
  return contract;
}

/** `$filter` value, URL-encoded, with OData's quote escaping. */
function nameFilter(field: string, name: string): string {
  return encodeURIComponent(`${field} eq '${name.replaceAll("'", "''")}'`);
}

function sameName(value: unknown, name: string): boolean {
  return typeof value === "string" && value.toLowerCase() === name.toLowerCase();
}

function toGroup(group: GraphObject): DirectoryGroup {
  return { id: String(group.id), displayName: String(group.displayName ?? "") };
}

function isObject(value: unknown): value is GraphObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
