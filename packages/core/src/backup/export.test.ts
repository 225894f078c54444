import { describe, expect, it } from "vitest";
import { describeObject, renderBackupSetHtml, renderBackupSetMarkdown } from "./export.ts";

const set = {
  name: "Nightly",
  createdAt: new Date("2026-11-28T00:00:00Z"),
  completedAt: null,
  environment: { name: "Contoso" },
  hasGaps: false,
};

describe("backup set export", () => {
  it("lists every setting of a settings catalog policy and every property", () => {
    const settings = Array.from({ length: 320 }, (_, index) => ({
      settingInstance: { settingDefinitionId: `def_${index}`, simpleSettingValue: { value: index } },
    }));
    const object = describeObject("configurationPolicies", "Baseline", "abc123", { name: "Baseline", platforms: "windows10", settings });
    expect(object.settings).toHaveLength(320);
    const markdown = renderBackupSetMarkdown(set, [object]);
    expect(markdown.match(/^\| def_\d+ \|/gm)).toHaveLength(320);
    expect(markdown).toContain("Settings (320):");
    expect(markdown).toContain("| platforms | windows10 |");
  });

  it("lists an app's metadata and assignments, stating the size of its icon instead of the bytes", () => {
    const icon = "A".repeat(40_000);
    const object = describeObject("mobileApps", "Microsoft Teams", "abc", {
      "@odata.type": "#microsoft.graph.iosStoreApp",
      bundleId: "com.microsoft.skype.teams",
      largeIcon: { type: "image/png", value: icon },
      assignments: [{ intent: "required", target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" } }],
    });
    const markdown = renderBackupSetMarkdown(set, [object]);
    expect(markdown).toContain("## mobileApps (1)");
    expect(markdown).toContain("| bundleId | com.microsoft.skype.teams |");
    expect(markdown).toContain("| largeIcon.value | 30000 bytes (base64, not shown) |");
    expect(markdown).toMatch(/^\| assignments \| .*intent.*required.*allLicensedUsersAssignmentTarget/m);
    expect(markdown).not.toContain(icon);
  });

  it("does not call a set that is still capturing complete", () => {
    const markdown = renderBackupSetMarkdown({ ...set, status: "capturing" }, []);
    expect(markdown).toContain("Not complete: the backup is capturing");
    expect(markdown).not.toMatch(/· Complete$/m);
  });

  it("never turns tenant values into markup in HTML", () => {
    const object = describeObject("deviceConfigurations", '<img src=x onerror="alert(1)">', "abc", {
      description: "[click](javascript:alert(1))",
    });
    const html = renderBackupSetHtml(renderBackupSetMarkdown(set, [object]), "t");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript');
  });

  it("escapes tenant HTML in the Markdown export too (Markdown viewers render inline HTML)", () => {
    const object = describeObject("deviceConfigurations", '<img src=x onerror="alert(1)">', "abc", {
      description: "<script>alert(1)</script> [click](javascript:alert(1))",
    });
    const markdown = renderBackupSetMarkdown({ ...set, name: "<b>Nightly</b>" }, [object]);
    expect(markdown).not.toMatch(/<img|<script|<b>|\[click\]/);
    expect(markdown).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
  });
});
