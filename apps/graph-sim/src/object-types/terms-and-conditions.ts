// Terms and conditions (beta): the text users accept before enrolling. Graph has no `/assign` for
// them: assignments are created one by one (`POST /{id}/assignments`) and removed by id
// (`DELETE /{id}/assignments/{assignmentId}`), each carrying only `target`. `modifiedDateTime` is
// the service's; `version` is the admin's (raised to make users accept again).

import type { TermsAndConditions } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject } from "../types.ts";
import { assignedIfFirst, type ObjectTypeDefinition, type SeedEntity } from "./definition.ts";

const TERMS = [
  { title: "Acceptable use", body: "Company devices and data are for business use. Report lost devices within 24 hours." },
  {
    title: "BYOD privacy notice",
    body: "IT can see the device model, OS version and company apps. IT cannot see personal e-mail, photos or browsing.",
  },
  { title: "Contractor terms", body: "Company data stays in managed apps and is wiped when the contract ends." },
] as const;

export const termsAndConditions: ObjectTypeDefinition = {
  key: "termsAndConditions",
  collectionPath: "deviceManagement/termsAndConditions",
  entityODataType: "#microsoft.graph.termsAndConditions",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  targetOnlyAssignments: true,
  itemAssignments: true,
  serverManaged: { modifiedDateTime: null },
  validateCreate(body) {
    for (const property of ["title", "bodyText", "acceptanceStatement"]) {
      if (typeof body[property] !== "string" || body[property] === "") return `Property '${property}' is required.`;
    }
    return undefined;
  },
  seed(context, count) {
    const terms: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = TERMS[index % TERMS.length] as (typeof TERMS)[number];
      const displayName = `${context.tenantName} - ${template.title}${index >= TERMS.length ? ` ${Math.floor(index / TERMS.length) + 1}` : ""}`;
      const id = context.guid("termsAndConditions", displayName);
      const timestamps = context.timestamps();
      const entity: SeedEntity<TermsAndConditions> = {
        id,
        displayName,
        description: context.random.chance(0.5) ? template.title : null,
        title: `${context.tenantName} ${template.title.toLowerCase()}`,
        bodyText: template.body,
        acceptanceStatement: "I have read and accept these terms.",
        ...timestamps,
        modifiedDateTime: timestamps.lastModifiedDateTime,
        roleScopeTagIds: context.roleScopeTagIds(),
        version: context.random.int(1, 3),
      };
      // Users accept terms: their assignments target user groups, never "all devices", never with filters.
      const groupTargets = context
        .assignmentsFor(id)
        .filter((assignment) => String((assignment.target as { "@odata.type": string })["@odata.type"]).includes("groupAssignmentTarget"));
      const assignments = assignedIfFirst(context, index, id, groupTargets).map(({ id: assignmentId, target }) => ({
        id: assignmentId,
        target: {
          ...(target as object),
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: "none",
        },
      }));
      terms.push({ "@odata.type": "#microsoft.graph.termsAndConditions", ...entity, assignments });
    }
    return terms;
  },
};
