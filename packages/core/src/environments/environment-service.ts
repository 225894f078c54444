import type { Db, ManagedEnvironment } from "@atlas/db";
import { type Actor, assertCapability } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { SecretBox } from "../security/secret-box.ts";
import { recordAuditEvent } from "../audit/audit.ts";

export interface EnvironmentInput {
  workspaceId: string;
  name: string;
  providerTenantId: string;
  clientId: string;
  clientSecret: string;
  /** Only for the simulator; real tenants use Microsoft's endpoints. */
  graphBaseUrl?: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateEnvironmentInput(input: EnvironmentInput): void {
  const fieldErrors = [
    !input.name.trim() && { path: ["name"], message: "Give the environment a name." },
    !GUID.test(input.providerTenantId) && { path: ["providerTenantId"], message: "Expected the tenant's directory id (a GUID)." },
    !GUID.test(input.clientId) && { path: ["clientId"], message: "Expected the app registration's client id (a GUID)." },
    input.clientSecret.length < 8 && { path: ["clientSecret"], message: "Paste the app registration's client secret value." },
  ].filter(Boolean) as { path: string[]; message: string }[];
  if (fieldErrors.length > 0) throw new ValidationError("The environment could not be saved.", fieldErrors);
}

/** Creates or updates (by workspace + name) an environment; the secret is stored encrypted. */
export async function upsertEnvironment(db: Db, box: SecretBox, actor: Actor, input: EnvironmentInput): Promise<ManagedEnvironment> {
  assertCapability(actor, input.workspaceId, null, "environments.manage", "Workspace");
  validateEnvironmentInput(input);
  const data = {
    providerTenantId: input.providerTenantId,
    clientId: input.clientId,
    clientSecretEncrypted: box.encrypt(input.clientSecret),
    graphBaseUrl: input.graphBaseUrl ?? null,
  };
  const environment = await db.managedEnvironment.upsert({
    where: { workspaceId_name: { workspaceId: input.workspaceId, name: input.name } },
    create: { workspaceId: input.workspaceId, name: input.name, ...data },
    update: data,
  });
  await recordAuditEvent(db, {
    workspaceId: input.workspaceId,
    environmentId: environment.id,
    actor,
    action: "environment.saved",
    targetType: "managed_environment",
    targetId: environment.id,
    outcome: "success",
    metadata: { name: input.name, providerTenantId: input.providerTenantId },
  });
  return environment;
}

export interface ProviderCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphBaseUrl: string | null;
}

/** For worker tasks only: the decrypted credentials never leave the provider boundary. */
export async function providerCredentials(db: Db, box: SecretBox, environmentId: string): Promise<ProviderCredentials> {
  const environment = await db.managedEnvironment.findUnique({ where: { id: environmentId } });
  if (!environment) throw new NotFoundError("Environment");
  return {
    tenantId: environment.providerTenantId,
    clientId: environment.clientId,
    clientSecret: box.decrypt(environment.clientSecretEncrypted),
    graphBaseUrl: environment.graphBaseUrl,
  };
}
