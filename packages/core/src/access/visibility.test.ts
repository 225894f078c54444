import { describe, expect, it } from "vitest";
import { NotFoundError } from "../errors.ts";
import { type Actor, can } from "./actor.ts";
import { canSeeRestoreRun, environmentScopeWhere } from "./visibility.ts";

const W = "workspace-1";
const user = (role: "readonly" | "operator", environmentIds: string[] = []): Actor => ({
  kind: "user",
  userId: "u",
  displayName: "U",
  isSupport: false,
  grants: [{ workspaceId: W, role, environmentIds }],
});

describe("can(actor, capability, scope)", () => {
  it("needs membership, the environment in scope and the capability", () => {
    expect(can(user("operator"), "inventory.sync", { workspaceId: W, managedEnvironmentId: "e1" })).toBe(true);
    expect(can(user("readonly"), "inventory.sync", { workspaceId: W, managedEnvironmentId: "e1" })).toBe(false);
    expect(can(user("operator", ["e2"]), "inventory.sync", { workspaceId: W, managedEnvironmentId: "e1" })).toBe(false);
    expect(can(user("operator"), "inventory.read", { workspaceId: "other", managedEnvironmentId: "e1" })).toBe(false);
    expect(can({ kind: "system", name: "worker" }, "restore.execute", { workspaceId: "any" })).toBe(true);
  });
});

describe("environmentScopeWhere", () => {
  it("narrows a restricted member to their environments, also when others are requested", () => {
    expect(environmentScopeWhere(user("readonly"), W)).toEqual({ workspaceId: W });
    expect(environmentScopeWhere(user("readonly"), W, ["e1"])).toEqual({ workspaceId: W, managedEnvironmentId: { in: ["e1"] } });
    expect(environmentScopeWhere(user("readonly", ["e2"]), W)).toEqual({ workspaceId: W, managedEnvironmentId: { in: ["e2"] } });
    expect(environmentScopeWhere(user("readonly", ["e2"]), W, ["e1"])).toEqual({ workspaceId: W, managedEnvironmentId: { in: [] } });
  });

  it("answers NotFound for a workspace the actor is not a member of", () => {
    expect(() => environmentScopeWhere(user("readonly"), "other")).toThrow(NotFoundError);
  });
});

describe("canSeeRestoreRun", () => {
  const run = { workspaceId: W, managedEnvironmentId: "e1", deletedAt: null, sourceBackupSet: { managedEnvironmentId: "e2" } };
  it("needs restore.read on the target (readonly auditors have it) and sight of the source environment", () => {
    expect(canSeeRestoreRun(user("operator"), run)).toBe(true);
    expect(canSeeRestoreRun(user("readonly"), run)).toBe(true);
    expect(canSeeRestoreRun(user("operator", ["e1"]), run)).toBe(false);
    expect(canSeeRestoreRun(user("readonly", ["e1"]), run)).toBe(false);
    expect(canSeeRestoreRun(user("operator"), { ...run, deletedAt: new Date() })).toBe(false);
  });
});
