// Faults that act AFTER a request was routed, i.e. after a write took effect:
// - mutateAfterWrite: someone changes the object right after our write (an admin in the portal, a
//   second tool), so a verification read-back no longer matches what was written;
// - dropConnection: the write happened but the answer never arrives (the client sees a network
//   error and cannot know whether a create went through; it must look before retrying).

import type { FaultTarget } from "./faults.ts";
import type { GraphResponse } from "./graph-response.ts";
import { resolveCollection } from "./object-types/registry.ts";
import type { SimState } from "./sim-state.ts";
import type { TenantStore } from "./tenant-store.ts";
import type { FaultKind } from "./types.ts";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RoutedCall {
  method: string;
  /** Below the version root, without query. */
  pathname: string;
  /** Inner $batch items have no socket of their own to drop. */
  inBatch: boolean;
}

export function applyAfterWriteFaults(
  state: SimState,
  store: TenantStore,
  target: FaultTarget,
  call: RoutedCall,
  response: GraphResponse,
): FaultKind | undefined {
  let applied: FaultKind | undefined;
  const succeededWrite = WRITE_METHODS.has(call.method) && response.status >= 200 && response.status < 300;
  if (succeededWrite) {
    const written = writtenObject(call.pathname, response);
    const fault = written ? state.faults.take("mutateAfterWrite", target) : undefined;
    if (fault && written) {
      const current = store.find(written.typeKey, written.id)?.body[fault.property ?? "description"];
      const property = fault.property ?? "description";
      store.update(written.typeKey, written.id, { [property]: fault.value !== undefined ? fault.value : changedValue(current) });
      applied = "mutateAfterWrite";
    }
    if (written && state.faults.take("deleteAfterWrite", target)) {
      store.remove(written.typeKey, written.id);
      applied = "deleteAfterWrite";
    }
  }
  if (!call.inBatch && state.faults.take("dropConnection", target)) {
    response.dropConnection = true;
    applied = "dropConnection";
  }
  return applied;
}

/** The object a successful write touched: the created one, or the one named in the path. */
function writtenObject(pathname: string, response: GraphResponse): { typeKey: string; id: string } | undefined {
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  const resolved = resolveCollection(segments);
  if (!resolved) return undefined;
  const id = response.created?.id ?? resolved.rest[0];
  return id === undefined ? undefined : { typeKey: resolved.type.key, id };
}

/** A different value of the same kind, so the change is visible in a normalized diff. */
function changedValue(current: unknown): unknown {
  if (typeof current === "boolean") return !current;
  if (typeof current === "number") return current + 1;
  if (typeof current === "string") return `${current} (changed after write)`;
  return "changed after write";
}
