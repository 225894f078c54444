// Turns the paths callers pass (`/beta/deviceManagement/...` or a saved @odata.nextLink) into URLs
// on the configured Graph root. A nextLink is only followed on the Graph root's own origin: the
// client attaches its bearer token to every Graph request, and a tampered or persisted cursor
// pointing elsewhere must not receive it.

import { GraphRequestError, sanitizePath } from "./graph-request-error.ts";
import type { GraphApiVersion } from "./contracts.ts";

const VERSION_PREFIX = /^\/?(v1\.0|beta)\//;

export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

export function resolveGraphUrl(graphRoot: string, pathOrUrl: string, method = "GET"): URL {
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const target = new URL(pathOrUrl);
    if (target.origin !== new URL(graphRoot).origin) {
      throw new GraphRequestError({ status: 0, code: "crossOriginNextLink", method, path: sanitizePath(target) });
    }
    return target;
  }
  if (!VERSION_PREFIX.test(pathOrUrl)) {
    // A bare path would silently pick a version; settings catalog and foundations only exist in beta.
    throw new Error(`Graph path must start with /v1.0/ or /beta/: ${sanitizePath(pathOrUrl)}`);
  }
  const relative = pathOrUrl.startsWith("/") ? pathOrUrl : `/${pathOrUrl}`;
  return new URL(`${trimTrailingSlash(graphRoot)}${relative}`);
}

/** Splits `/beta/deviceManagement/x?$top=5` into its version and the version-relative rest. */
export function splitVersion(path: string): { version: GraphApiVersion; relative: string } {
  const match = VERSION_PREFIX.exec(path);
  if (!match) throw new Error(`Graph path must start with /v1.0/ or /beta/: ${sanitizePath(path)}`);
  return { version: match[1] as GraphApiVersion, relative: `/${path.slice(match[0].length)}` };
}
