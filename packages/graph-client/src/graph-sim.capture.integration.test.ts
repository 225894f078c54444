// captureObject / captureObjects against the Graph simulator: every type captured completely (what
// the list or a plain GET leaves out included), and every kind of loss reported as a gap.

import type { GraphSim } from "@atlas/graph-sim";
import { demoTenant, FABRIKAM_BASELINE_POLICY_NAME, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CAPTURE_GAP_CODES } from "./capture/capture-types.ts";
import { allContracts } from "./contracts.ts";
import type { GraphObject } from "./graph-client.ts";
import { GraphRequestError } from "./graph-request-error.ts";
import { contentHash } from "./normalize/canonical-json.ts";
import { normalizeCapture } from "./normalize/normalize-payload.ts";
import { clientForDemoTenant, TIME_SCALE } from "./test-support/graph-sim-harness.ts";

// biome-ignore lint/suspicious/noExplicitAny: assertions walk Graph documents of many shapes
type Doc = Record<string, any>;
const fabrikam = demoTenant("Fabrikam");
const seeded = (type: string, id: string) => fabrikam.objects[type]?.find((o) => o.id === id) as Doc;
let sim: GraphSim;
let baselineId: string;

beforeAll(async () => {
  sim = await startGraphSim({ port: 0, timeScale: TIME_SCALE });
  baselineId = String(fabrikam.objects.configurationPolicies?.find((p) => p.name === FABRIKAM_BASELINE_POLICY_NAME)?.id);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearHistory();
  sim.clearFaults();
});

describe("complete captures of Fabrikam", () => {
  it("captures every object of every type without a gap, sub-resources equal to what the tenant holds", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    for (const contract of allContracts) {
      const listed = await client.listAll(contract.key);
      expect(listed, contract.key).toHaveLength(sim.objectCountsByType(fabrikam.tenantId)[contract.key] ?? -1);
      const outcomes = await client.captureObjects(
        contract.key,
        listed.map((o) => String(o.id)),
      );
      for (const outcome of outcomes) {
        if (!("captured" in outcome)) throw outcome.error;
        const { raw, assignments, completeness } = outcome.captured;
        expect(completeness.gaps, `${contract.key} ${outcome.id}`).toEqual([]);
        const seed = seeded(contract.key, outcome.id);
        expect(assignments.map((a) => a.id)).toEqual((seed.assignments ?? []).map((a: Doc) => a.id));
        for (const sub of contract.subResources) {
          if (sub.kind === "collection")
            expect((raw[sub.key] as unknown[]).length, `${contract.key}.${sub.key}`).toBe(seed[sub.key].length);
        }
        if (completeness.expectedSettings !== undefined) expect(completeness.capturedSettings).toBe(completeness.expectedSettings);
      }
    }
    // The shortcut really was used: first requests of many objects went out 20 at a time.
    const envelopes = sim.history().filter((e) => e.path.endsWith("/$batch"));
    const items = sim.history().filter((e) => e.batchItemOf !== undefined);
    expect(items.length).toBeGreaterThan(10 * envelopes.length);
  });

  it("captures compliance scheduled actions although the list and a plain GET omit them", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const [listed] = await client.listAll("deviceCompliancePolicies");
    expect(listed).not.toHaveProperty("scheduledActionsForRule");
    const captured = await client.captureObject("deviceCompliancePolicies", String(listed?.id));
    const rules = captured.raw.scheduledActionsForRule as Doc[];
    expect(rules).toHaveLength(1);
    expect(rules[0]?.scheduledActionConfigurations.filter((a: Doc) => a.actionType === "block")).toHaveLength(1);
    expect(captured.completeness.gaps).toEqual([]);
  });

  it("captures script content the list reports as null", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const [script] = await client.listAll("deviceManagementScripts");
    expect(script?.scriptContent).toBeNull();
    const captured = await client.captureObject("deviceManagementScripts", String(script?.id));
    expect(Buffer.from(String(captured.raw.scriptContent), "base64").toString("utf8")).toContain("$ErrorActionPreference");
    const [health] = await client.listAll("deviceHealthScripts");
    const capturedHealth = await client.captureObject("deviceHealthScripts", String(health?.id));
    expect(capturedHealth.raw.detectionScriptContent).toBe(seeded("deviceHealthScripts", String(health?.id)).detectionScriptContent);
  });

  it("captures ADMX definition values over several pages, each with its definition and presentation values", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const [configuration] = await client.listAll("groupPolicyConfigurations");
    const captured = await client.captureObject("groupPolicyConfigurations", String(configuration?.id));
    const values = captured.raw.definitionValues as Doc[];
    const seed = seeded("groupPolicyConfigurations", String(configuration?.id));
    expect(values.length).toBeGreaterThan(10); // more than one page of 10
    expect(captured.completeness).toMatchObject({ expectedSettings: values.length, capturedSettings: values.length, gaps: [] });
    for (const value of values) {
      const seedValue = seed.definitionValues.find((v: Doc) => v.id === value.id);
      expect(value.definition.id).toBe(seedValue.definition.id);
      expect(value.presentationValues.map((p: Doc) => [p.id, p.presentation.id])).toEqual(
        seedValue.presentationValues.map((p: Doc) => [p.id, p.presentation.id]),
      );
    }
  });

  it("captures the 320 settings of the baseline; two captures hash equal, a drifted setting does not", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const first = await client.captureObject("configurationPolicies", baselineId);
    expect(first.completeness).toEqual({ expectedSettings: 320, capturedSettings: 320, gaps: [] });
    const second = await client.captureObject("configurationPolicies", baselineId);
    const hash = (captured: typeof first) => contentHash(normalizeCapture("configurationPolicies", captured));
    expect(hash(second)).toBe(hash(first));

    const settings = structuredClone(first.raw.settings as Doc[]);
    const choice = settings.find((s) => s.settingInstance.choiceSettingValue)?.settingInstance.choiceSettingValue;
    choice.value = `${choice.value}_drifted`;
    const fresh = await startGraphSim({ port: 0, timeScale: TIME_SCALE });
    try {
      fresh.mutate(fabrikam.tenantId, "configurationPolicies", baselineId, { settings });
      const drifted = await clientForDemoTenant(fresh, "Fabrikam").client.captureObject("configurationPolicies", baselineId);
      expect(drifted.completeness.gaps).toEqual([]);
      expect(hash(drifted)).not.toBe(hash(first));
    } finally {
      await fresh.close();
    }
  });
});

describe("gaps instead of silent loss", () => {
  it("a settings page that stays empty becomes SETTINGS_INCOMPLETE: expected 320, captured 295", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam", { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: `${baselineId}/settings`, page: 4 });
    const captured = await client.captureObject("configurationPolicies", baselineId);
    expect(captured.completeness).toMatchObject({ expectedSettings: 320, capturedSettings: 295 });
    expect(captured.completeness.gaps).toEqual([
      {
        code: CAPTURE_GAP_CODES.settingsIncomplete,
        subResource: "settings",
        expected: 320,
        captured: 295,
        message: "settings: captured 295 of 320 (settingCount); page 4 stayed empty after retries although more pages followed.",
      },
    ]);
    expect(captured.raw.settings).toHaveLength(295);
    expect(retries.filter((r) => r.reason === "emptyPage").length).toBeGreaterThan(0); // retried before giving up
  });

  it("a page dropped once is refetched by the client's empty-page retry: complete, no gap", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: `${baselineId}/settings`, page: 4, count: 1 });
    const captured = await client.captureObject("configurationPolicies", baselineId);
    expect(captured.completeness).toEqual({ expectedSettings: 320, capturedSettings: 320, gaps: [] });
  });

  it("a dropped LAST page (no nextLink to notice) is caught by @odata.count", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const [configuration] = await client.listAll("groupPolicyConfigurations");
    const total = seeded("groupPolicyConfigurations", String(configuration?.id)).definitionValues.length;
    const lastPage = Math.ceil(total / 10);
    sim.injectFault({
      kind: "dropPage",
      tenantId: fabrikam.tenantId,
      pathContains: `${configuration?.id}/definitionValues?`,
      page: lastPage,
    });
    const captured = await client.captureObject("groupPolicyConfigurations", String(configuration?.id));
    expect(captured.completeness.gaps).toEqual([
      expect.objectContaining({
        code: "SETTINGS_INCOMPLETE",
        subResource: "definitionValues",
        expected: total,
        captured: (lastPage - 1) * 10,
      }),
    ]);
  });

  it("a sub-resource that cannot be read is a gap; an object that is gone is an error outcome, not a crash", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam", { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const templates = await client.listAll<GraphObject & { id: string }>("notificationMessageTemplates");
    const [first, second] = templates;
    sim.injectFault({ kind: "serverError", tenantId: fabrikam.tenantId, pathContains: `${first?.id}/localizedNotificationMessages` });
    const outcomes = await client.captureObjects("notificationMessageTemplates", [
      String(first?.id),
      "deleted-meanwhile",
      String(second?.id),
    ]);
    sim.clearFaults();
    expect(outcomes.map((o) => o.id)).toEqual([first?.id, "deleted-meanwhile", second?.id]);
    const [broken, gone, fine] = outcomes;
    expect(broken && "captured" in broken && broken.captured.completeness.gaps).toEqual([
      expect.objectContaining({
        code: "SUBRESOURCE_INCOMPLETE",
        subResource: "localizedNotificationMessages",
        message: expect.stringContaining("HTTP 503"),
      }),
    ]);
    expect(gone && "error" in gone && gone.error).toBeInstanceOf(GraphRequestError);
    expect(gone && "error" in gone && gone.error.status).toBe(404);
    expect(fine && "captured" in fine && fine.captured.completeness.gaps).toEqual([]);
    await expect(client.captureObject("intents", "deleted-meanwhile")).rejects.toMatchObject({ status: 404 });
  });

  it("stays throttle-aware: a 429 storm inside the $batch round is waited out and the capture is complete", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam");
    const scripts = await client.listAll("deviceManagementScripts");
    sim.injectFault({
      kind: "throttleStorm",
      tenantId: fabrikam.tenantId,
      pathContains: "deviceManagementScripts/",
      count: 4,
      retryAfterSeconds: 1,
    });
    const outcomes = await client.captureObjects(
      "deviceManagementScripts",
      scripts.map((s) => String(s.id)),
    );
    expect(outcomes.every((o) => "captured" in o && o.captured.completeness.gaps.length === 0)).toBe(true);
    expect(retries.some((r) => r.reason === "batchItemsRetried" && r.retryAfterSeconds === TIME_SCALE)).toBe(true);
  });
});
