// The app catalog as Graph serves it: one polymorphic collection, the icon only by id, install
// intents on assignments (`mobileAppAssignments`), line-of-business apps that stay unpublished
// without their package, Microsoft's global apps refused on create, and app configurations that
// must name an app of the same tenant.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { type GraphCaller, collectAllPages, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const northwind = demoTenant("Northwind");
const fabrikam = demoTenant("Fabrikam");
const APPS = "/beta/deviceAppManagement/mobileApps";
let sim: GraphSim;
let graph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, northwind));
});
afterAll(async () => {
  await sim.close();
});

const group = (name: string) => northwind.groups?.find((g) => g.displayName === name)?.id as string;
const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error;

describe("mobile apps", () => {
  it("lists every kind in one collection with its @odata.type; the icon comes only with GET by id", async () => {
    const fabrikamGraph = graphCaller(sim, await tokenFor(sim, fabrikam));
    const { items } = await collectAllPages<SimObject>(fabrikamGraph, APPS);
    expect(items).toHaveLength(fabrikam.objects.mobileApps!.length);
    const kinds = new Set(items.map((app) => app["@odata.type"]));
    for (const kind of ["managedIOSStoreApp", "iosStoreApp", "androidManagedStoreApp", "webApp", "win32LobApp", "officeSuiteApp"]) {
      expect(kinds.has(`#microsoft.graph.${kind}`), kind).toBe(true);
    }
    expect(items.every((app) => app.largeIcon === null)).toBe(true);
    const one = await fabrikamGraph.json<SimObject>(`${APPS}/${items[0]!.id}`);
    expect(one.largeIcon).toMatchObject({ type: "image/png" });
    const assigned = fabrikam.objects.mobileApps!.find((app) => (app.assignments ?? []).length > 0)!;
    const { value } = await fabrikamGraph.json<{ value: SimObject[] }>(`${APPS}/${assigned.id}/assignments`);
    expect(value.length).toBeGreaterThan(0);
    expect(value.every((assignment) => ["required", "available"].includes(String(assignment.intent)))).toBe(true);
    const expanded = await fabrikamGraph.json<{ assignments: SimObject[] }>(`${APPS}/${assigned.id}?$expand=assignments`);
    expect(expanded.assignments).toEqual(value);
  });

  it("creates a store app and assigns it with mobileAppAssignments; the service keeps its publishing state", async () => {
    const response = await graph.request("POST", APPS, {
      "@odata.type": "#microsoft.graph.iosStoreApp",
      displayName: "Microsoft Authenticator",
      publisher: "Microsoft Corporation",
      bundleId: "com.microsoft.azureauthenticator",
      appStoreUrl: "https://apps.apple.com/us/app/microsoft-authenticator/id983156458",
      publishingState: "notPublished",
      isAssigned: true,
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as SimObject;
    expect(created).toMatchObject({ publishingState: "published", uploadState: 1, isAssigned: false });
    const assignment = {
      intent: "required",
      target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group("All iOS Devices") },
      settings: null,
    };
    const wrongKey = await graph.request("POST", `${APPS}/${created.id}/assign`, { assignments: [assignment] });
    expect(wrongKey.status).toBe(400);
    const assigned = await graph.request("POST", `${APPS}/${created.id}/assign`, { mobileAppAssignments: [assignment] });
    expect(assigned.status).toBe(200);
  });

  it("keeps a web link's address: a PATCH may change its metadata, not its URL", async () => {
    const response = await graph.request("POST", APPS, {
      "@odata.type": "#microsoft.graph.webApp",
      displayName: "Northwind Intranet link",
      appUrl: "https://intranet.northwindtraders.com",
    });
    const created = (await response.json()) as SimObject;
    const moved = await graph.request("PATCH", `${APPS}/${created.id}`, { appUrl: "https://elsewhere.example.com" });
    expect(moved.status).toBe(400);
    expect((await graph.request("PATCH", `${APPS}/${created.id}`, { description: "Intranet", appUrl: created.appUrl })).status).toBe(204);
  });

  it("leaves a line-of-business app created without its package unpublished and not ready", async () => {
    const response = await graph.request("POST", APPS, {
      "@odata.type": "#microsoft.graph.win32LobApp",
      displayName: "7-Zip 23.01 (x64)",
      fileName: "7z2301-x64.intunewin",
      installCommandLine: "7z2301-x64.exe /S",
      committedContentVersion: "1",
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ publishingState: "notPublished", uploadState: 0, committedContentVersion: null });
  });

  it("refuses to create Microsoft's global managed apps and a create without @odata.type", async () => {
    const global = await graph.request("POST", APPS, {
      "@odata.type": "#microsoft.graph.managedIOSStoreApp",
      displayName: "Microsoft Outlook",
      appAvailability: "global",
    });
    expect(global.status).toBe(400);
    expect((await errorOf(global)).message).toMatch(/global managed apps/);
    expect((await graph.request("POST", APPS, { displayName: "No kind" })).status).toBe(400);
  });

  it("refuses an app configuration that names an app of another tenant", async () => {
    const foreign = fabrikam.objects.mobileApps!.find((app) => app["@odata.type"] === "#microsoft.graph.iosStoreApp")!;
    const own = northwind.objects.mobileApps!.find((app) => app["@odata.type"] === "#microsoft.graph.iosStoreApp")!;
    const config = (appId: string) => ({
      "@odata.type": "#microsoft.graph.iosMobileAppConfiguration",
      displayName: `Outlook config ${appId}`,
      targetedMobileApps: [appId],
      settings: [{ appConfigKey: "IntuneMAMUPN", appConfigKeyType: "tokenType", appConfigKeyValue: "{{userprincipalname}}" }],
    });
    const refused = await graph.request("POST", "/beta/deviceAppManagement/mobileAppConfigurations", config(foreign.id));
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toContain(foreign.id);
    const accepted = await graph.request("POST", "/beta/deviceAppManagement/mobileAppConfigurations", config(own.id));
    expect(accepted.status).toBe(201);
    // iOS key/value items are a plain property: kept on create, not a navigation property like the settings catalog's.
    const created = (await accepted.json()) as SimObject;
    const read = await graph.json<SimObject>(`/beta/deviceAppManagement/mobileAppConfigurations/${created.id}`);
    expect(read.settings).toEqual(config(own.id).settings);
  });
});
