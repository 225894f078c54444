// PowerShell platform scripts (beta). The script itself is `scriptContent`, base64, and Graph
// returns it ONLY on GET by id: the list answers `scriptContent: null`, so a backup built from the
// list stores empty scripts. Assignments are replaced with a `deviceManagementScriptAssignments` body.

import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

const SCRIPTS = [
  { topic: "Set time zone", fileName: "Set-TimeZone.ps1", body: 'Set-TimeZone -Id "W. Europe Standard Time"' },
  {
    topic: "Map network drives",
    fileName: "Map-Drives.ps1",
    body: 'New-PSDrive -Name "S" -PSProvider FileSystem -Root "\\\\fs01\\shared" -Persist',
  },
  {
    topic: "Remove bloatware",
    fileName: "Remove-Bloatware.ps1",
    body: "Get-AppxPackage *xbox* | Remove-AppxPackage -ErrorAction SilentlyContinue",
  },
  { topic: "Configure power plan", fileName: "Set-PowerPlan.ps1", body: "powercfg /setactive 381b4222-f694-41f0-9685-ff5bb260df2e" },
  { topic: "Install printer", fileName: "Add-Printer.ps1", body: 'Add-Printer -ConnectionName "\\\\print01\\Floor2"' },
] as const;

export function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** Script content is Edm.Binary: Graph rejects a create whose content is not base64. */
export function base64Problem(body: Record<string, unknown>, properties: readonly string[]): string | undefined {
  for (const property of properties) {
    const value = body[property];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
      return `Property '${property}' must be base64-encoded binary content.`;
    }
  }
  return undefined;
}

export const deviceManagementScripts: ObjectTypeDefinition = {
  key: "deviceManagementScripts",
  collectionPath: "deviceManagement/deviceManagementScripts",
  entityODataType: "#microsoft.graph.deviceManagementScript",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  nameFilter: true,
  detailOnlyProperties: ["scriptContent"],
  validateCreate: (body) => base64Problem(body, ["scriptContent"]),
  assignBodyKey: "deviceManagementScriptAssignments",
  seed(context, count) {
    const scripts: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const script = SCRIPTS[index % SCRIPTS.length] as (typeof SCRIPTS)[number];
      const displayName = `${context.tenantName} - ${script.topic}${variantSuffix(index, SCRIPTS.length, COMMON_VARIANTS)}`;
      const id = context.guid("deviceManagementScripts", displayName);
      scripts.push({
        "@odata.type": "#microsoft.graph.deviceManagementScript",
        id,
        displayName,
        description: context.random.chance(0.5) ? `${script.topic} on ${context.tenantName} devices` : "",
        scriptContent: base64(`# ${displayName}\n$ErrorActionPreference = "Stop"\n${script.body}\n`),
        ...context.timestamps(),
        runAsAccount: context.random.pick(["system", "system", "user"]),
        enforceSignatureCheck: false,
        fileName: script.fileName,
        roleScopeTagIds: context.roleScopeTagIds(),
        runAs32Bit: false,
        assignments: context.assignmentsFor(id),
      });
    }
    return scripts;
  },
};
