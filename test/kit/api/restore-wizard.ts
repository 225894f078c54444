import { createUser } from "@atlas/core";
import type { Db, Prisma } from "@atlas/db";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { type ApiClient, type TestApi, loginAs } from "./harness.ts";
import { insertCompletedBackupSet } from "./restore-fixture.ts";

/** Every field of a restore run, as the SPA's detail view asks for it. */
export const RESTORE_RUN_FIELDS = `id status dryRun targetLabel scopeMode createdAt confirmedAt
  sourceBackupSet { id } environment { name }
  checks { code severity message item { id displayName } }
  items(first: 50) { totalCount edges { node { id objectType displayName isFoundation previewOnly action outcome targetProviderId
    providerAcceptance changes { kind path before after } unmappedReferences { kind sourceId displayName } error { reasonCode message }
    backupItem { id previewOnly } } } }
  counts { total succeeded failed skipped partial nonApplied foundationsSkipped }
  previewSummary { key value }
  resultAttention { state summary primaryNextAction primaryCauseFamily recoveryClaimBoundary }
  operationRun { id type status } previewOperationRun { id type status }
  evidenceSnapshot { kind status completenessState items { restoreItem { id } targetProviderId expectedHash actualHash match } operationRun { id } }`;

const RESULT = `__typename ... on RestoreRunPayload { restoreRun { ${RESTORE_RUN_FIELDS} } } ... on Error { message }
  ... on ForbiddenError { capability } ... on ValidationError { fieldErrors { path message } }`;

export const RESTORE_DOCUMENTS = {
  create: `mutation($s: ID!, $e: ID!, $dry: Boolean) {
    createRestoreRun(input: { backupSetId: $s, environmentId: $e, dryRun: $dry }) { ${RESULT} } }`,
  scope: `mutation($input: SetRestoreScopeInput!) { setRestoreScope(input: $input) { ${RESULT} } }`,
  preview: `mutation($r: ID!) { startRestorePreview(input: { restoreRunId: $r }) { __typename
    ... on RestorePreviewPayload { deduplicated run { id type status } restoreRun { id status previewOperationRun { id } } }
    ... on Error { message } } }`,
  confirm: `mutation($r: ID!, $ack: Boolean!, $name: String!) {
    confirmRestoreRun(input: { restoreRunId: $r, acknowledgeImpact: $ack, typedTargetName: $name }) { ${RESULT} } }`,
  node: `query($id: ID!) { node(id: $id) { ... on RestoreRun { ${RESTORE_RUN_FIELDS} } } }`,
};

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers, asserted by the tests.
type Json = any;

/**
 * The demo data set plus what a restore needs: a completed backup set of Contoso (restored into
 * Northwind), a manager, and clients for each role; with the wizard's steps as helpers.
 */
export async function restoreWizardFixture(db: Db, api: TestApi) {
  const demo = api.demo.demo!;
  const env = Object.fromEntries(Object.entries(demo.environments).map(([name, id]) => [name, toGlobalId("ManagedEnvironment", id)]));
  const source = await insertCompletedBackupSet(db, { workspaceId: demo.workspaceId, environmentId: demo.environments.Contoso! });
  const managerId = await createUser(db, { email: "manager@demo.test", displayName: "Mia Manager", password: "manager-password" });
  await db.membership.create({ data: { userId: managerId, workspaceId: demo.workspaceId, role: "manager", environmentIds: [] } });
  const [owner, operator, readonly, manager] = await Promise.all([
    loginAs(api.url, "owner@demo.test"),
    loginAs(api.url, "operator@demo.test"),
    loginAs(api.url, "readonly@demo.test"),
    loginAs(api.url, "manager@demo.test", "manager-password"),
  ]);
  const setId = toGlobalId("BackupSet", source.set.id);
  const raw = (id: string) => rawIdOf(id, "RestoreRun")!;
  const update = (id: string, data: Prisma.RestoreRunUpdateInput) => db.restoreRun.update({ where: { id: raw(id) }, data });

  async function create(client: ApiClient, dryRun?: boolean): Promise<Json> {
    const { body } = await client.graphql(RESTORE_DOCUMENTS.create, { s: setId, e: env.Northwind, dry: dryRun });
    const result = body.data?.createRestoreRun;
    if (result?.__typename !== "RestoreRunPayload") throw new Error(`createRestoreRun failed: ${JSON.stringify(body)}`);
    return result.restoreRun;
  }
  async function scope(client: ApiClient, input: Record<string, unknown>): Promise<Json> {
    return (await client.graphql(RESTORE_DOCUMENTS.scope, { input: { mode: "WITH_ASSIGNMENTS", ...input } })).body.data.setRestoreScope;
  }
  /** A scoped run moved to PREVIEWED with the given checks, as the preview job would leave it. */
  async function previewed(client: ApiClient, dryRun: boolean, checks: unknown[] = []): Promise<Json> {
    const run = await create(client, dryRun);
    await scope(client, { restoreRunId: run.id, selectAll: true });
    // The preview job runs on the scope just saved (version 1 of a new run).
    await update(run.id, { status: "previewed", previewedScopeVersion: 1, checks: checks as Prisma.InputJsonValue });
    return run;
  }

  return {
    demo,
    workspaceId: toGlobalId("Workspace", demo.workspaceId),
    env,
    setId,
    item: Object.fromEntries(Object.entries(source.items).map(([name, row]) => [name, toGlobalId("BackupItem", row.id)])),
    clients: { owner, manager, operator, readonly },
    raw,
    update,
    create,
    scope,
    previewed,
  };
}
