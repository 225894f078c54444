import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@atlas/core";
import { type PothosPrismaTypes, pothosPrismaDatamodel } from "@atlas/db";
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import type { Context } from "./context.ts";
import { signedInRootPlugin } from "./signed-in-root-plugin.ts";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PothosPrismaTypes;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  // The signed-in check first, so no other plugin's wrapper runs before it.
  plugins: [signedInRootPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
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
