import { type AccessScope, type Actor, type Capability, can } from "@atlas/core";
import { brandWithType } from "@pothos/core";
import { builder, MAX_PAGE_SIZE } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { badUserInput } from "../graphql-errors.ts";
import { parseGlobalId } from "../ids.ts";

/** Loads the rows of the given raw ids that the actor may see; invisible and absent rows are left out. */
export type NodeLoader = (ids: string[], actor: Actor, context: Context) => Promise<Array<{ id: unknown }>>;

const loaders = new Map<string, NodeLoader>();

/** Each entity module registers how its rows are loaded WITH access applied. */
export function registerNodeLoader(typename: string, loader: NodeLoader): void {
  loaders.set(typename, loader);
}

/** The common loader of tenant-owned rows: those the actor has the capability on are kept. */
export function registerScopedNodeLoader<T extends AccessScope & { id: unknown }>(
  typename: string,
  capability: Capability,
  load: (ids: string[], context: Context) => Promise<T[]>,
): void {
  registerNodeLoader(typename, async (ids, actor, context) => (await load(ids, context)).filter((row) => can(actor, capability, row)));
}

async function resolveNodes(globalIds: readonly string[], context: Context): Promise<Array<object | null>> {
  const actor = requireActor(context);
  const parsed = globalIds.map((globalId) => parseGlobalId(globalId));
  const byType = new Map<string, Set<string>>();
  for (const entry of parsed) {
    if (entry && loaders.has(entry.typename)) {
      const ids = byType.get(entry.typename) ?? new Set<string>();
      ids.add(entry.id.toLowerCase());
      byType.set(entry.typename, ids);
    }
  }
  const found = new Map<string, object>();
  await Promise.all(
    [...byType].map(async ([typename, ids]) => {
      const rows = await loaders.get(typename)!([...ids], actor, context);
      for (const row of rows) {
        brandWithType(row, typename as never);
        found.set(`${typename}:${String(row.id)}`, row);
      }
    }),
  );
  return parsed.map((entry) => (entry ? (found.get(`${entry.typename}:${entry.id.toLowerCase()}`) ?? null) : null));
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: "Any entity by its global id; null when it does not exist OR you may not see it.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => (await resolveNodes([String(args.id)], context))[0] ?? null,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: `Several entities by global id (at most ${MAX_PAGE_SIZE}), in order; null for each one absent or not visible.`,
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, context) => {
      if (args.ids.length > MAX_PAGE_SIZE) throw badUserInput(`Ask for at most ${MAX_PAGE_SIZE} ids at a time.`);
      return resolveNodes(args.ids.map(String), context);
    },
  }),
}));
