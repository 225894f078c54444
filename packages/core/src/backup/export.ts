import type { Db } from "@atlas/db";
import { marked } from "marked";
import { type Actor, assertCapability } from "../access/actor.ts";
import { NotFoundError } from "../errors.ts";

/**
 * Sub-collections whose entries are the object's settings (one line each in the export): `apps` are
 * the apps a MAM policy protects or configures, `customSettings` a managed-app configuration's keys.
 */
const SETTING_COLLECTIONS = [
  "settings",
  "definitionValues",
  "scheduledActionsForRule",
  "localizedNotificationMessages",
  "apps",
  "customSettings",
];

export interface ExportedObject {
  type: string;
  displayName: string;
  contentHash: string;
  settings: { name: string; value: string }[];
  properties: { name: string; value: string }[];
}

// Brackets too: Markdown link syntax inside a tenant value must not become a link.
export const escapeHtml = (text: string) => text.replace(/[&<>"[\]]/g, (char) => `&#${char.charCodeAt(0)};`);
const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function settingName(setting: unknown, index: number): string {
  const record = (setting ?? {}) as Record<string, unknown>;
  const instance = record.settingInstance as Record<string, unknown> | undefined;
  const definition = record.definition as Record<string, unknown> | undefined;
  const app = record.mobileAppIdentifier as Record<string, unknown> | undefined;
  return String(
    instance?.settingDefinitionId ??
      app?.bundleId ??
      app?.packageId ??
      app?.windowsAppId ??
      record.settingDefinitionId ??
      // App configuration keys: iOS managed-device settings, managed-app custom settings.
      record.appConfigKey ??
      record.name ??
      definition?.displayName ??
      record.displayName ??
      record.id ??
      `#${index + 1}`,
  );
}

/** Binary content (an app's icon, base64): the export states its size instead of pages of base64. */
const BINARY_PROPERTIES = ["largeIcon.value"];

function flatten(value: unknown, prefix: string, out: { name: string; value: string }[]) {
  if (BINARY_PROPERTIES.includes(prefix) && typeof value === "string") {
    out.push({ name: prefix, value: `${Math.floor((value.length * 3) / 4)} bytes (base64, not shown)` });
    return;
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.push({ name: prefix, value: show(value) });
}

/** Splits a normalized payload into its settings (one per entry) and its other properties. */
export function describeObject(
  type: string,
  displayName: string,
  contentHash: string,
  normalized: Record<string, unknown>,
): ExportedObject {
  const settings: ExportedObject["settings"] = [];
  const properties: ExportedObject["properties"] = [];
  for (const [key, value] of Object.entries(normalized)) {
    if (SETTING_COLLECTIONS.includes(key) && Array.isArray(value)) {
      value.forEach((setting, index) => {
        const rest = { ...(setting as Record<string, unknown>) };
        settings.push({ name: settingName(setting, index), value: show(rest) });
      });
    } else {
      flatten(value, key, properties);
    }
  }
  return { type, displayName, contentHash, settings, properties };
}

export async function loadBackupSetExport(db: Db, actor: Actor, backupSetId: string) {
  const set = await db.backupSet.findUnique({ where: { id: backupSetId }, include: { environment: true } });
  if (!set) throw new NotFoundError("Backup set");
  assertCapability(actor, set.workspaceId, set.managedEnvironmentId, "inventory.read", "Backup set");
  const items = await db.backupItem.findMany({
    where: { backupSetId: set.id },
    include: { policyVersion: { select: { normalizedPayload: true, contentHash: true } } },
    orderBy: [{ objectType: "asc" }, { displayName: "asc" }],
  });
  const objects = items.map((item) =>
    describeObject(
      item.objectType,
      item.displayName,
      item.policyVersion.contentHash,
      item.policyVersion.normalizedPayload as Record<string, unknown>,
    ),
  );
  return { set, objects };
}

export function renderBackupSetMarkdown(
  set: { name: string; createdAt: Date; completedAt: Date | null; environment: { name: string }; hasGaps: boolean; status?: string },
  objects: ExportedObject[],
): string {
  // Names and values come from the customer's tenant: they must never become markup, neither in
  // the HTML rendering nor where a Markdown viewer renders the .md file (inline HTML, links).
  const text = escapeHtml;
  const cell = (value: string) => text(value).replaceAll("|", "\\|").replaceAll("\n", " ");
  const lines = [
    `# Backup set: ${text(set.name)}`,
    "",
    `Environment: ${text(set.environment.name)} · Captured: ${(set.completedAt ?? set.createdAt).toISOString()} · Objects: ${objects.length} · ${completenessLabel(set)}`,
  ];
  const types = [...new Set(objects.map((object) => object.type))];
  for (const type of types) {
    const ofType = objects.filter((object) => object.type === type);
    lines.push("", `## ${type} (${ofType.length})`);
    for (const object of ofType) {
      lines.push("", `### ${text(object.displayName)}`, "", `Content hash: \`${object.contentHash.slice(0, 16)}\``);
      if (object.settings.length > 0) {
        lines.push("", `Settings (${object.settings.length}):`, "", "| Setting | Value |", "|---|---|");
        for (const setting of object.settings) lines.push(`| ${cell(setting.name)} | ${cell(setting.value)} |`);
      }
      lines.push("", `Properties (${object.properties.length}):`, "", "| Property | Value |", "|---|---|");
      for (const property of object.properties) lines.push(`| ${cell(property.name)} | ${cell(property.value)} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Only a sealed set without gaps is called complete. */
function completenessLabel(set: { hasGaps: boolean; status?: string }): string {
  if (set.status && set.status !== "completed") return `**Not complete: the backup is ${set.status}**`;
  return set.hasGaps ? "**Incomplete: see the completeness record**" : "Complete";
}

/** HTML from the (escaped) Markdown rendering. */
export function renderBackupSetHtml(escapedMarkdown: string, title: string): string {
  const body = marked.parse(escapedMarkdown, { async: false, gfm: true }) as string;
  const safeTitle = escapeHtml(title);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${safeTitle}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;word-break:break-word}h3{margin-top:2rem}</style>
</head><body>${body}</body></html>`;
}
