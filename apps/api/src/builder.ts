import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@atlas/core";
import { type PothosPrismaTypes, pothosPrismaDatamodel } from "@atlas/db";
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Context } from "./context.ts";
import { forbiddenError, unauthenticatedError } from "./graphql-errors.ts";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PothosPrismaTypes;
  AuthScopes: { authenticated: boolean };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  // scope-auth first so no other plugin's wrapper runs before the check.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({ authenticated: context.actor !== null }),
    unauthorizedError: (_parent, context) => (context.actor ? forbiddenError() : unauthenticatedError()),
  },
  prisma: {
    client: (context) => context.db,
    dmmf: pothosPrismaDatamodel(),
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: null,
  },
  errors: {
    // The expected failures of core services become members of a mutation's result union (see
    // schema/errors.ts); the payload itself is the union's success member, not wrapped.
    defaultTypes: [NotFoundError, ForbiddenError, ValidationError, ConflictError],
    directResult: true,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // node/nodes are defined in schema/node.ts: they must apply access and treat malformed ids as absent.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    defaultConnectionTypeOptions: { description: "A page of results; `first` is capped at 100." },
  },
});
