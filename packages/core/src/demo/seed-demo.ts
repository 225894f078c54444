import type { Db } from "@atlas/db";
import { createUser } from "../access/authentication.ts";
import type { Role } from "../access/capabilities.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";
import { upsertEnvironment } from "../environments/environment-service.ts";
import type { SecretBox } from "../security/secret-box.ts";

export const DEMO_PASSWORD = "demo-password";

export interface DemoTenantCredentials {
  name: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

const WORKSPACES = [
  {
    slug: "demo",
    name: "Demo MSP",
    tenants: ["Contoso", "Fabrikam", "Northwind"],
    users: [
      ["owner@demo.test", "Olivia Owner", "owner"],
      ["operator@demo.test", "Oscar Operator", "operator"],
      ["readonly@demo.test", "Rita Readonly", "readonly"],
    ],
  },
  { slug: "other", name: "Other MSP", tenants: ["Tailspin"], users: [["owner@other.test", "Otto Other", "owner"]] },
] as const;

/**
 * The demo data set (idempotent: running it again changes nothing but refreshes secrets).
 * Environments point at the Graph simulator.
 */
export async function seedDemo(db: Db, box: SecretBox, options: { graphBaseUrl: string; tenants: readonly DemoTenantCredentials[] }) {
  const result: Record<string, { workspaceId: string; environments: Record<string, string> }> = {};
  for (const spec of WORKSPACES) {
    const workspace = await db.workspace.upsert({ where: { slug: spec.slug }, create: { slug: spec.slug, name: spec.name }, update: {} });
    const environments: Record<string, string> = {};
    for (const tenantName of spec.tenants) {
      const tenant = options.tenants.find((candidate) => candidate.name === tenantName);
      if (!tenant) throw new Error(`The simulator has no demo tenant ${tenantName}.`);
      const environment = await upsertEnvironment(db, box, SYSTEM_ACTOR, {
        workspaceId: workspace.id,
        name: tenant.name,
        providerTenantId: tenant.tenantId,
        clientId: tenant.clientId,
        clientSecret: tenant.clientSecret,
        graphBaseUrl: options.graphBaseUrl,
      });
      environments[tenant.name] = environment.id;
    }
    for (const [email, displayName, role] of spec.users) {
      const existing = await db.user.findUnique({ where: { email } });
      const userId = existing?.id ?? (await createUser(db, { email, displayName, password: DEMO_PASSWORD }));
      await db.membership.upsert({
        where: { userId_workspaceId: { userId, workspaceId: workspace.id } },
        create: { userId, workspaceId: workspace.id, role: role as Role },
        update: { role: role as Role },
      });
    }
    result[spec.slug] = { workspaceId: workspace.id, environments };
  }
  return result;
}
