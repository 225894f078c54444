import { type Actor, ForbiddenError, importBaseline, loadUserActor, NotFoundError, seedDemo, ValidationError } from "@atlas/core";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson, jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/** Import of real community baselines (OpenIntuneBaseline) into a real database. */
let t: TestDatabase;
let workspaceId: string;
let otherWorkspaceId: string;
const actors: Record<string, Actor> = {};

/** What each folder of the sample holds, in the contract registry's terms. */
const EXPECTED_TYPE_BY_FOLDER: Record<string, string | null> = {
  SettingsCatalog: "configurationPolicies",
  CompliancePolicies: "deviceCompliancePolicies",
  DeviceConfiguration: "deviceConfigurations",
  UpdatePolicies: "deviceConfigurations",
  NativeImport: "configurationPolicies",
  DriverUpdateProfiles: "windowsDriverUpdateProfiles",
};

function countsOf(keys: string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => `${key} ${count}`);
}

const filesOf = (paths: ReturnType<typeof jsonFilesBelow>) => paths.map((file) => ({ name: file.path, bytes: file.bytes }));

beforeAll(async () => {
  t = await createTestDatabase();
  const demo = await seedDemo(t.db, TEST_SECRET_BOX, { graphBaseUrl: "http://127.0.0.1:9", tenants: DEMO_TENANTS });
  workspaceId = demo.demo!.workspaceId;
  otherWorkspaceId = (await t.db.workspace.findUniqueOrThrow({ where: { slug: "other" } })).id;
  for (const email of ["operator@demo.test", "readonly@demo.test", "owner@other.test"]) {
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    actors[email] = (await loadUserActor(t.db, user.id))!;
  }
});

afterAll(async () => {
  await t?.drop();
});

describe("importing the OpenIntuneBaseline sample", () => {
  it("recognizes every settings catalog, compliance, device configuration and update policy, and lists the rest with reasons", async () => {
    const fixture = jsonFilesBelow(openIntuneBaselineDir());
    expect(fixture.length).toBeGreaterThanOrEqual(72);
    const baseline = await importBaseline(t.db, actors["operator@demo.test"]!, {
      workspaceId,
      name: "OpenIntuneBaseline",
      files: filesOf(fixture),
    });

    const version = await t.db.baselineVersion.findFirstOrThrow({ where: { baselineId: baseline.id }, include: { items: true } });
    const notRecognized = (version.originDetails as { notRecognized: Array<{ fileName: string; reason: string; message: string }> })
      .notRecognized;
    const itemOf = new Map(version.items.map((item) => [(item.source as { fileName: string }).fileName, item]));
    const listedOf = new Map(notRecognized.map((file) => [file.fileName, file]));

    for (const file of fixture) {
      const expectedType = EXPECTED_TYPE_BY_FOLDER[file.folder];
      expect(expectedType, `unexpected folder ${file.folder}`).not.toBeUndefined();
      if (expectedType === null) {
        expect(listedOf.get(file.path), file.path).toMatchObject({
          reason: "UNSUPPORTED_TYPE",
          message: expect.stringMatching(/windowsDriverUpdateProfiles.*cannot be backed up yet/),
        });
        continue;
      }
      const item = itemOf.get(file.path);
      expect(item, `${file.path} was not recognized: ${listedOf.get(file.path)?.message}`).toBeDefined();
      const json = fixtureJson(file);
      expect(item!.objectType).toBe(expectedType);
      expect(item!.displayName).toBe(String(json.name ?? json.displayName).trim());
      if (expectedType === "configurationPolicies") {
        // Every setting of the file is in the baseline, with its value (normalization keeps configuration).
        const fileSettings = (json.settings as Array<{ settingInstance: { settingDefinitionId: string } }>).map(
          (s) => s.settingInstance.settingDefinitionId,
        );
        const stored = (item!.normalizedPayload as { settings: Array<{ settingInstance: { settingDefinitionId: string } }> }).settings;
        expect(stored.map((s) => s.settingInstance.settingDefinitionId).sort()).toEqual([...fileSettings].sort());
        expect(JSON.stringify(stored)).not.toContain('"id"');
      }
    }
    expect(version.items.length + notRecognized.length).toBe(fixture.length);
    expect(version).toMatchObject({ number: 1, origin: "import", itemCount: version.items.length });

    const byType = countsOf(version.items.map((item) => item.objectType));
    const byReason = countsOf(notRecognized.map((file) => file.reason));
    console.log(
      `OpenIntuneBaseline import: ${fixture.length} files, recognized ${version.items.length} (${byType.join(", ")}), not recognized ${notRecognized.length} (${byReason.join(", ")})`,
    );

    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "baseline.create", targetId: baseline.id } });
    expect(audit.metadata).toMatchObject({ origin: "import", items: version.items.length });
  });

  it("refuses readonly members, other workspaces and bad input, and writes nothing", async () => {
    const [one] = jsonFilesBelow(openIntuneBaselineDir()).filter((file) => file.folder === "CompliancePolicies");
    const files = filesOf([one!]);
    const before = await t.db.baseline.count();
    await expect(importBaseline(t.db, actors["readonly@demo.test"]!, { workspaceId, name: "Mine", files })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(importBaseline(t.db, actors["owner@other.test"]!, { workspaceId, name: "Theirs", files })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      importBaseline(t.db, actors["operator@demo.test"]!, { workspaceId: otherWorkspaceId, name: "X", files }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const refusal = (input: Parameters<typeof importBaseline>[2]) =>
      importBaseline(t.db, actors["operator@demo.test"]!, input).catch((error: unknown) => error);
    const blankName = await refusal({ workspaceId, name: "  ", files });
    expect(blankName).toBeInstanceOf(ValidationError);
    expect((blankName as ValidationError).fieldErrors).toEqual([expect.objectContaining({ path: ["name"] })]);
    expect(await refusal({ workspaceId, name: "Empty", files: [] })).toBeInstanceOf(ValidationError);
    const nothing = await refusal({
      workspaceId,
      name: "Garbage",
      files: [{ name: "notes.txt", bytes: new TextEncoder().encode("hello") }],
    });
    expect(nothing).toBeInstanceOf(ValidationError);
    expect((nothing as ValidationError).fieldErrors[0]!.message).toContain("notes.txt: The file is not JSON");
    const taken = await refusal({ workspaceId, name: "OpenIntuneBaseline", files });
    expect((taken as ValidationError).fieldErrors).toEqual([expect.objectContaining({ path: ["name"] })]);
    expect(await t.db.baseline.count()).toBe(before);
  });

  it("keeps versions immutable in the database", async () => {
    const item = await t.db.baselineItem.findFirstOrThrow();
    await expect(t.db.baselineItem.update({ where: { id: item.id }, data: { displayName: "changed" } })).rejects.toThrow(/immutable/);
    const version = await t.db.baselineVersion.findFirstOrThrow();
    await expect(t.db.baselineVersion.update({ where: { id: version.id }, data: { itemCount: 0 } })).rejects.toThrow(/immutable/);
  });
});
