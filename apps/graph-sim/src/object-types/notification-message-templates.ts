// Foundation: compliance notification message templates (v1.0). The e-mail texts live in the
// contained `localizedNotificationMessages` collection (one per locale), which a plain GET omits.
// Compliance policies reference templates by id from their scheduled `notification` actions.

import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

const TEMPLATE_TOPICS = [
  {
    topic: "Non-compliant device",
    subject: "Your device is not compliant",
    body: "Your device {DeviceName} does not meet the {CompanyName} security requirements.",
  },
  { topic: "Encryption required", subject: "Encrypt your device", body: "Turn on device encryption to keep access to company resources." },
  {
    topic: "OS update required",
    subject: "Update your operating system",
    body: "Install the latest operating system update within 3 days.",
  },
  {
    topic: "Final warning",
    subject: "Access will be blocked tomorrow",
    body: "Your device will lose access to company e-mail and files tomorrow.",
  },
] as const;

const LOCALES = [
  { locale: "en-us", prefix: "" },
  { locale: "de-de", prefix: "[DE] " },
  { locale: "fr-fr", prefix: "[FR] " },
] as const;

export const notificationMessageTemplates: ObjectTypeDefinition = {
  key: "notificationMessageTemplates",
  collectionPath: "deviceManagement/notificationMessageTemplates",
  entityODataType: "#microsoft.graph.notificationMessageTemplate",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  // Texts are written one locale at a time: POST /{id}/localizedNotificationMessages, PATCH/DELETE by id.
  subCollections: [{ name: "localizedNotificationMessages", writable: true }],
  seed(context, count) {
    const templates: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = TEMPLATE_TOPICS[index % TEMPLATE_TOPICS.length] as (typeof TEMPLATE_TOPICS)[number];
      const displayName = `${context.tenantName} - ${template.topic}${variantSuffix(index, TEMPLATE_TOPICS.length, COMMON_VARIANTS)}`;
      const id = context.guid("notificationMessageTemplates", displayName);
      const { lastModifiedDateTime } = context.timestamps();
      const locales = LOCALES.slice(0, context.random.int(1, LOCALES.length));
      templates.push({
        "@odata.type": "#microsoft.graph.notificationMessageTemplate",
        id,
        lastModifiedDateTime,
        displayName,
        description: context.random.chance(0.5) ? `Sent by ${context.tenantName} compliance actions` : "",
        defaultLocale: "en-us",
        brandingOptions: context.random.pick([
          "includeCompanyLogo,includeCompanyName",
          "includeCompanyLogo,includeContactInformation",
          "none",
        ]),
        roleScopeTagIds: context.roleScopeTagIds(),
        localizedNotificationMessages: locales.map(({ locale, prefix }) => ({
          "@odata.type": "#microsoft.graph.localizedNotificationMessage",
          id: context.guid("localizedNotificationMessages", displayName, locale),
          lastModifiedDateTime,
          locale,
          subject: `${prefix}${template.subject}`,
          messageTemplate: `${prefix}${template.body}`,
          isDefault: locale === "en-us",
        })),
      });
    }
    return templates;
  },
};
