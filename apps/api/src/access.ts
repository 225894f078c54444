import { ROLE_CAPABILITIES, canSeeEnvironment, grantFor } from "@atlas/core";
import type { Actor, Capability } from "@atlas/core";
import type { Context } from "./context.ts";
import { unauthenticatedError } from "./graphql-errors.ts";

/**
 * The actor of an authenticated request. Root fields are guarded by the `authenticated` scope
 * already; this is the typed accessor (and a second guard) for resolvers.
 */
export function requireActor(context: Context): Actor {
  if (!context.actor) throw unauthenticatedError();
  return context.actor;
}

export function isSupport(actor: Actor | null): boolean {
  return actor?.kind === "user" && actor.isSupport;
}

/** Visible (member, environment in scope) AND the role has the capability. */
export function hasCapability(actor: Actor, workspaceId: string, environmentId: string | null, capability: Capability): boolean {
  const grant = grantFor(actor, workspaceId);
  return Boolean(grant && canSeeEnvironment(actor, workspaceId, environmentId) && ROLE_CAPABILITIES[grant.role].has(capability));
}
