import type { Actor } from "@atlas/core";
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
