import {
  DEMO_PASSWORD,
  SYSTEM_ACTOR,
  SecretBox,
  ValidationError,
  createApiToken,
  createUser,
  revokeApiToken,
  seedDemo,
  upsertEnvironment,
} from "@atlas/core";
import { createDb, dataDir } from "@atlas/db";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import { openAppDatabase } from "./database.ts";

export class UsageError extends Error {}

/** A core service's refusal of the input, worded for the terminal (exit code 2); anything else as it is. */
export function asUsageError(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  return new UsageError(`${error.message}\n${error.fieldErrors.map((field) => `  ${field.path.join(".")}: ${field.message}`).join("\n")}`);
}

export async function withDatabase<T>(work: (url: string) => Promise<T>, migrate = true): Promise<T> {
  const database = await openAppDatabase({ migrate });
  try {
    return await work(database.url);
  } finally {
    await database.stop();
  }
}

export async function migrateCommand(): Promise<void> {
  await withDatabase(async () => {
    console.log("Migrations applied.");
  });
}

export async function seedDemoCommand(graphBaseUrl: string): Promise<void> {
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      await seedDemo(db, SecretBox.fromEnvironment(dataDir()), { graphBaseUrl, tenants: DEMO_TENANTS });
      console.log(`Demo data ready. Sign in as operator@demo.test / ${DEMO_PASSWORD}`);
    } finally {
      await db.$disconnect();
    }
  });
}

export async function userCreateCommand(args: { email?: string; name?: string; password?: string; workspace?: string; role?: string }) {
  if (!args.email || !args.password)
    throw new UsageError("user create needs --email and --password (and optionally --name, --workspace <slug> --role <role>).");
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      const userId = await createUser(db, {
        email: args.email as string,
        displayName: args.name ?? (args.email as string),
        password: args.password as string,
      });
      if (args.workspace) {
        const workspace = await db.workspace.findUnique({ where: { slug: args.workspace } });
        if (!workspace) throw new UsageError(`No workspace with slug "${args.workspace}".`);
        const role = (args.role ?? "readonly") as "owner";
        await db.membership.upsert({
          where: { userId_workspaceId: { userId, workspaceId: workspace.id } },
          create: { userId, workspaceId: workspace.id, role },
          update: { role },
        });
      }
      console.log(`User ${args.email} saved.`);
    } finally {
      await db.$disconnect();
    }
  });
}

/** Prints the token alone on the last line, so scripts can take it with `tail -n 1`. */
export async function tokenCreateCommand(args: { workspace?: string; role?: string; name?: string }) {
  if (!args.workspace || !args.role)
    throw new UsageError("token create needs --workspace <slug> --role <owner|manager|operator|readonly>.");
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      const workspace = await db.workspace.findUnique({ where: { slug: args.workspace } });
      if (!workspace) throw new UsageError(`No workspace with slug "${args.workspace}". Run \`pnpm atlas seed demo\` or create it first.`);
      const created = await createApiToken(db, { workspaceId: workspace.id, name: args.name ?? "cli", role: args.role as string });
      console.log(`API token ${created.id} for workspace ${args.workspace} (${args.role}); it is shown only once:`);
      console.log(created.token);
    } finally {
      await db.$disconnect();
    }
  });
}

/**
 * Connects a customer tenant. The secret is read from ATLAS_CLIENT_SECRET (not a flag), so it does
 * not end up in shell history or process listings.
 */
export async function environmentAddCommand(args: { workspace?: string; name?: string; "tenant-id"?: string; "client-id"?: string }) {
  const secret = process.env.ATLAS_CLIENT_SECRET;
  if (!args.workspace || !args.name || !args["tenant-id"] || !args["client-id"] || !secret) {
    throw new UsageError(
      "environment add needs --workspace SLUG --name NAME --tenant-id GUID --client-id GUID and the secret in ATLAS_CLIENT_SECRET.",
    );
  }
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      const workspace = await db.workspace.findUnique({ where: { slug: args.workspace } });
      if (!workspace) throw new UsageError(`No workspace with slug "${args.workspace}".`);
      const environment = await upsertEnvironment(db, SecretBox.fromEnvironment(dataDir()), SYSTEM_ACTOR, {
        workspaceId: workspace.id,
        name: args.name as string,
        providerTenantId: args["tenant-id"] as string,
        clientId: args["client-id"] as string,
        clientSecret: secret,
      });
      console.log(`Environment ${environment.name} (${environment.id}) saved in ${args.workspace}.`);
    } catch (error) {
      throw asUsageError(error);
    } finally {
      await db.$disconnect();
    }
  });
}

/** Lists a workspace's API tokens (never the tokens themselves: only their prefix). */
export async function tokenListCommand(args: { workspace?: string }) {
  if (!args.workspace) throw new UsageError("token list needs --workspace SLUG.");
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      const workspace = await db.workspace.findUnique({ where: { slug: args.workspace } });
      if (!workspace) throw new UsageError(`No workspace with slug "${args.workspace}".`);
      const tokens = await db.apiToken.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: "asc" } });
      for (const token of tokens) {
        const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : "active";
        console.log(
          `${token.id}  ${token.tokenPrefix}…  ${token.role}  ${token.name}  last used ${token.lastUsedAt?.toISOString() ?? "never"}  ${state}`,
        );
      }
    } finally {
      await db.$disconnect();
    }
  });
}

export async function tokenRevokeCommand(args: { workspace?: string; id?: string }) {
  if (!args.workspace || !args.id) throw new UsageError("token revoke needs --workspace SLUG --id TOKEN_ID (see token list).");
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      const workspace = await db.workspace.findUnique({ where: { slug: args.workspace } });
      if (!workspace) throw new UsageError(`No workspace with slug "${args.workspace}".`);
      if (!(await revokeApiToken(db, workspace.id, args.id as string)))
        throw new UsageError(`No active token ${args.id} in ${args.workspace}.`);
      console.log(`Token ${args.id} revoked; requests with it now get UNAUTHENTICATED.`);
    } finally {
      await db.$disconnect();
    }
  });
}
