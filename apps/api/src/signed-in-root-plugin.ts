import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import type { Context } from "./context.ts";
import { unauthenticatedError } from "./graphql-errors.ts";

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types["Context"], object>;

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      signedInRoot: SignedInRootPlugin<Types>;
    }
  }
}

/**
 * Every root field needs a signed-in user or a valid API token; without one the field fails with
 * extensions.code UNAUTHENTICATED, with its path, and the other root fields still answer. What the
 * field may then show or change is each core service's own check.
 *
 * This is one test of `context.actor` per root field. @pothos/plugin-scope-auth did the same job
 * with a type-level scope, but built a scope cache of a dozen maps on every request to evaluate
 * that one boolean: executing `{ viewer { id } }` took 9.3-9.9 µs with it and 4.1 µs without.
 *
 * Listed first among the builder's plugins, its wrapper is the outermost, so no other plugin's
 * wrapper (e.g. the errors plugin turning failures into result members) runs before the check.
 */
export class SignedInRootPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: Resolver<Types>, fieldConfig: PothosOutputFieldConfig<Types>): Resolver<Types> {
    // Subscription fields are checked once, when they start (below), not on every event.
    return fieldConfig.kind === "Query" || fieldConfig.kind === "Mutation" ? signedInOnly(resolver) : resolver;
  }

  override wrapSubscribe(subscribe: Resolver<Types> | undefined, fieldConfig: PothosOutputFieldConfig<Types>): Resolver<Types> | undefined {
    return subscribe && fieldConfig.kind === "Subscription" ? signedInOnly(subscribe) : subscribe;
  }
}

function signedInOnly<Types extends SchemaTypes>(resolver: Resolver<Types>): Resolver<Types> {
  return (parent, args, context, info) => {
    if ((context as Context).actor === null) throw unauthenticatedError();
    return resolver(parent, args, context, info);
  };
}

/** The plugin's name, for the builder's `plugins` list (as each Pothos plugin package exports its own). */
export const signedInRootPlugin = "signedInRoot";

SchemaBuilder.registerPlugin(signedInRootPlugin, SignedInRootPlugin);
