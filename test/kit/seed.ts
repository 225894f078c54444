import { randomUUID } from "node:crypto";
import type { Db } from "@atlas/db";
import { type Actor, type Role, SecretBox, createUser, loadUserActor } from "@atlas/core";

/** A fixed key: tests must not depend on a developer's data dir. */
export const TEST_SECRET_BOX = SecretBox.fromKey(Buffer.alloc(32, 7).toString("base64"));

interface SeededEnvironment {
  id: string;
  name: string;
}

/**
 * Readable fixtures: `await seed(db).workspace("acme").environment("Contoso", tenant).member("op@acme.test", "operator").done()`.
 */
export function seed(db: Db) {
  const steps: Array<() => Promise<void>> = [];
  let workspaceId = "";
  const environments: Record<string, SeededEnvironment> = {};
  const actors: Record<string, Actor> = {};
  const builder = {
    workspace(slug: string) {
      steps.push(async () => {
        const workspace = await db.workspace.upsert({ where: { slug }, create: { slug, name: slug }, update: {} });
        workspaceId = workspace.id;
      });
      return builder;
    },
    environment(name: string, tenant: { tenantId?: string; clientId?: string; clientSecret?: string; graphBaseUrl?: string } = {}) {
      steps.push(async () => {
        const environment = await db.managedEnvironment.create({
          data: {
            workspaceId,
            name,
            providerTenantId: tenant.tenantId ?? randomUUID(),
            clientId: tenant.clientId ?? randomUUID(),
            clientSecretEncrypted: TEST_SECRET_BOX.encrypt(tenant.clientSecret ?? "test-secret-value"),
            graphBaseUrl: tenant.graphBaseUrl ?? null,
          },
        });
        environments[name] = { id: environment.id, name };
      });
      return builder;
    },
    member(email: string, role: Role, options: { environments?: string[] } = {}) {
      steps.push(async () => {
        const userId = await createUser(db, { email, displayName: email.split("@")[0] ?? email, password: "test-password" });
        await db.membership.create({
          data: { userId, workspaceId, role, environmentIds: (options.environments ?? []).map((name) => environments[name]?.id ?? "") },
        });
        const actor = await loadUserActor(db, userId);
        if (actor) actors[email] = actor;
      });
      return builder;
    },
    async done() {
      for (const step of steps) await step();
      return { workspaceId, environments, actors };
    },
  };
  return builder;
}
