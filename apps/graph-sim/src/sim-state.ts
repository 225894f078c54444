// The state one running simulator owns, and the control operations on it. The programmatic
// GraphSim API and the HTTP /_sim endpoints both go through createSimControl, so they cannot drift.

import { TokenService } from "./auth.ts";
import { DEMO_TENANTS } from "./demo-tenants.ts";
import { FaultInjector } from "./faults.ts";
import { RequestHistory } from "./history.ts";
import { requireObjectType } from "./object-types/registry.ts";
import { TenantStore } from "./tenant-store.ts";
import { GraphThrottle } from "./throttle.ts";
import type { GraphSim, GraphSimOptions } from "./types.ts";

export interface SimState {
  tenants: ReadonlyMap<string, TenantStore>;
  tokens: TokenService;
  throttle: GraphThrottle;
  faults: FaultInjector;
  history: RequestHistory;
  timeScale: number;
}

export type SimControl = Omit<GraphSim, "url" | "close">;

export function createSimState(options: GraphSimOptions): SimState {
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale <= 0) throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  const tenants = new Map<string, TenantStore>();
  for (const seed of options.tenants ?? DEMO_TENANTS) {
    if (tenants.has(seed.tenantId)) throw new Error(`Duplicate tenantId ${seed.tenantId} (${seed.name})`);
    tenants.set(seed.tenantId, new TenantStore(seed));
  }
  return {
    tenants,
    tokens: new TokenService(tenants),
    throttle: new GraphThrottle(options.limits, timeScale),
    faults: new FaultInjector(),
    history: new RequestHistory(),
    timeScale,
  };
}

export function requireTenant(state: SimState, tenantId: string): TenantStore {
  const tenant = state.tenants.get(tenantId);
  if (!tenant) throw new SimNotFoundError(`Unknown tenant '${tenantId}'`);
  return tenant;
}

/** An unknown tenant or object in a control call (HTTP 404 on /_sim). */
export class SimNotFoundError extends Error {}

export function createSimControl(state: SimState): SimControl {
  return {
    objectCount: (tenantId) => Object.values(requireTenant(state, tenantId).countsByType()).reduce((sum, n) => sum + n, 0),
    objectCountsByType: (tenantId) => requireTenant(state, tenantId).countsByType(),
    history: (filter) => state.history.list(filter),
    clearHistory: () => state.history.clear(),
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    mutate(tenantId, type, id, patch) {
      requireObjectType(type);
      if (!requireTenant(state, tenantId).update(type, id, patch)) {
        throw new SimNotFoundError(`Tenant '${tenantId}' has no ${type} object '${id}'`);
      }
    },
  };
}
