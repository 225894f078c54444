// Entra Conditional Access named locations (`identity/conditionalAccess/namedLocations`): a
// polymorphic collection of IP ranges (`#microsoft.graph.ipNamedLocation`) and countries
// (`#microsoft.graph.countryNamedLocation`). Policies reference them by id in
// `conditions.locations`, so they are a foundation. Graph names the change marker
// `modifiedDateTime` and refuses a location without its ranges or countries.

import type { CountryNamedLocation, IpNamedLocation } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedEntity } from "./definition.ts";

export const IP_NAMED_LOCATION = "#microsoft.graph.ipNamedLocation";
export const COUNTRY_NAMED_LOCATION = "#microsoft.graph.countryNamedLocation";

/** What the demo policies look locations up by: the part of the name after the tenant. */
export const LOCATION_TOPICS = { headOffice: "Head office", branches: "Branch offices", blockedCountries: "Blocked countries" } as const;

type Seeded = SeedEntity<IpNamedLocation> | SeedEntity<CountryNamedLocation>;

function locationSeed(context: Parameters<ObjectTypeDefinition["seed"]>[0], index: number): { type: string; entity: Seeded } {
  const { tenantName, random } = context;
  const timestamps = context.timestamps();
  const common = (topic: string) => {
    const displayName = `${tenantName} - ${topic}`;
    return { id: context.guid("namedLocations", displayName), displayName, createdDateTime: timestamps.createdDateTime };
  };
  const modifiedDateTime = timestamps.lastModifiedDateTime;
  const v4 = (cidrAddress: string) => ({ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress });
  switch (index) {
    case 0:
      return {
        type: IP_NAMED_LOCATION,
        entity: {
          ...common(LOCATION_TOPICS.headOffice),
          modifiedDateTime,
          isTrusted: true,
          ipRanges: [v4(`203.0.113.${16 * random.int(0, 15)}/28`)],
        },
      };
    case 1:
      return {
        type: IP_NAMED_LOCATION,
        entity: {
          ...common(LOCATION_TOPICS.branches),
          modifiedDateTime,
          isTrusted: true,
          ipRanges: [
            v4(`198.51.100.${64 * random.int(0, 1)}/26`),
            v4(`198.51.100.${128 + 64 * random.int(0, 1)}/26`),
            { "@odata.type": "#microsoft.graph.iPv6CidrRange", cidrAddress: `2001:db8:${random.int(1, 255)}::/48` },
          ],
        },
      };
    case 2:
      return {
        type: COUNTRY_NAMED_LOCATION,
        entity: {
          ...common(LOCATION_TOPICS.blockedCountries),
          modifiedDateTime,
          countriesAndRegions: ["KP", "IR", "SY"],
          includeUnknownCountriesAndRegions: true,
          countryLookupMethod: "clientIpAddress",
        },
      };
    default:
      return {
        type: IP_NAMED_LOCATION,
        entity: {
          ...common(`Partner network ${index - 2}`),
          modifiedDateTime,
          isTrusted: false,
          ipRanges: [v4(`192.0.2.${8 * (index % 32)}/29`)],
        },
      };
  }
}

export const namedLocations: ObjectTypeDefinition = {
  key: "namedLocations",
  collectionPath: "identity/conditionalAccess/namedLocations",
  entityODataType: "#microsoft.graph.namedLocation",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 100,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  serverManaged: { modifiedDateTime: null },
  validateCreate(body) {
    if (body["@odata.type"] === IP_NAMED_LOCATION) {
      const ranges = body.ipRanges;
      const valid =
        Array.isArray(ranges) &&
        ranges.length > 0 &&
        ranges.every((range) => typeof (range as { cidrAddress?: unknown })?.cidrAddress === "string");
      return valid ? undefined : "An IP named location needs at least one range in 'ipRanges', each with a 'cidrAddress'.";
    }
    if (body["@odata.type"] === COUNTRY_NAMED_LOCATION) {
      return Array.isArray(body.countriesAndRegions) ? undefined : "A country named location needs 'countriesAndRegions'.";
    }
    return `'@odata.type' must be '${IP_NAMED_LOCATION}' or '${COUNTRY_NAMED_LOCATION}'.`;
  },
  seed(context, count) {
    const locations: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const { type, entity } = locationSeed(context, index);
      locations.push({ "@odata.type": type, ...entity });
    }
    return locations;
  },
};
