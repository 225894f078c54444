import { createApiToken, createUser } from "@atlas/core";
import type { Db } from "@atlas/db";
import { expect, it } from "vitest";
import { ApiClient, type TestApi, loginAs } from "./harness.ts";

/** One query or mutation that takes ids, asked with a foreign id and with a random one. */
export interface IsolationProbe<Own = undefined> {
  name: string;
  query: string;
  /** `id(type)` is the foreign record's id (or a random id of that type); `own` is the outsider's own records. */
  variables: (id: (type: string) => string, own: Own) => Record<string, unknown>;
  /** Outsiders that legitimately see the record (the limited demo member sees the workspace itself). */
  skipFor?: string[];
}

/**
 * The two probes of a workspace's connection field (`operationRuns`, `backupSets`, ...): a foreign
 * workspace's list, and the own workspace's list filtered to a foreign environment.
 */
export function connectionProbes<Own = undefined>(field: string, ownWorkspaceId: () => string): IsolationProbe<Own>[] {
  return [
    {
      name: `${field}(workspaceId)`,
      query: `query($id: ID!) { ${field}(workspaceId: $id) { totalCount edges { node { id } } } }`,
      variables: (id) => ({ id: id("Workspace") }),
      skipFor: ["limited"],
    },
    {
      name: `${field}(filter.environmentIds)`,
      query: `query($w: ID!, $e: ID!) { ${field}(workspaceId: $w, filter: { environmentIds: [$e] }) { totalCount edges { node { id } } } }`,
      variables: (id) => ({ w: ownWorkspaceId(), e: id("ManagedEnvironment") }),
      // The other workspace's outsiders cannot even name the demo workspace.
      skipFor: ["otherOwner", "otherToken"],
    },
  ];
}

/**
 * The three kinds of outsider to the demo workspace's Contoso records: the owner of the other
 * workspace, an API token of it, and a demo member limited to Fabrikam.
 */
export async function isolationOutsiders(db: Db, api: TestApi): Promise<Record<string, ApiClient>> {
  const limitedId = await createUser(db, { email: "limited@demo.test", displayName: "Lima Limited", password: "limited-password" });
  await db.membership.create({
    data: {
      userId: limitedId,
      workspaceId: api.demo.demo!.workspaceId,
      role: "owner",
      environmentIds: [api.demo.demo!.environments.Fabrikam!],
    },
  });
  const otherToken = await createApiToken(db, { workspaceId: api.demo.other!.workspaceId, name: "other partner", role: "owner" });
  return {
    otherOwner: await loginAs(api.url, "owner@other.test"),
    otherToken: new ApiClient(api.url, { token: otherToken.token }),
    limited: await loginAs(api.url, "limited@demo.test", "limited-password"),
  };
}

/** A response without what legitimately differs per request. */
/**
 * Drops what differs between any two requests: the request id, and the caller's remaining cost
 * budget (it refills with time and shrinks with each probe, whatever the answer was).
 */
export function withoutRequestIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, inner) => (key === "requestId" || key === "remaining" ? undefined : inner));
}

export interface IsolationSetup<Own> {
  outsiders: Record<string, ApiClient>;
  /** Type name -> the id of a real record the outsiders must not see. */
  ids: Record<string, string>;
  /** Type name -> a random id of the same type. */
  random: Record<string, string>;
  own?: Record<string, Own>;
}

/**
 * One test per probe: for every outsider, the answer for a foreign id equals the answer for an id
 * that does not exist, and neither is an internal or validation error (a probe that cannot even be
 * asked proves nothing). `setup` is read when the tests run, after beforeAll filled it.
 */
export function itAnswersForeignLikeAbsent<Own = undefined>(probes: IsolationProbe<Own>[], setup: () => IsolationSetup<Own>) {
  it.each(probes.map((probe) => [probe.name, probe] as const))("%s", async (_name, probe) => {
    const { outsiders, ids, random, own } = setup();
    for (const [who, client] of Object.entries(outsiders)) {
      if (probe.skipFor?.includes(who)) continue;
      const mine = own?.[who] as Own;
      const foreign = await client.graphql(
        probe.query,
        probe.variables((type) => ids[type]!, mine),
      );
      const absent = await client.graphql(
        probe.query,
        probe.variables((type) => random[type]!, mine),
      );
      expect(withoutRequestIds(foreign), `${who}: ${probe.name}`).toEqual(withoutRequestIds(absent));
      expect(JSON.stringify(foreign.body), `${who}: ${probe.name}`).not.toMatch(/INTERNAL_SERVER_ERROR|GRAPHQL_VALIDATION_FAILED/);
    }
  });
}
