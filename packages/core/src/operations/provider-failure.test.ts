import { GraphRequestError } from "@atlas/graph-client";
import { describe, expect, it } from "vitest";
import { classifyProviderFailure } from "./provider-failure.ts";

const tokenPath = "/tenant-id/oauth2/v2.0/token";
const refusal = (status: number, code: string, path: string, entraCodes?: number[]) =>
  classifyProviderFailure(new GraphRequestError({ status, code, method: "POST", path, ...(entraCodes ? { entraCodes } : {}) }));

describe("classifyProviderFailure", () => {
  it("tells missing admin consent (AADSTS65001 at the token endpoint, 403 at Graph) from refused credentials", () => {
    expect(refusal(400, "invalid_grant", tokenPath, [65001])).toMatchObject({
      outcome: "blocked",
      reasonCode: "PROVIDER_CONSENT_MISSING",
      message: expect.stringContaining("AADSTS65001"),
    });
    expect(refusal(403, "Authorization_RequestDenied", "/beta/deviceManagement/roleScopeTags")?.reasonCode).toBe(
      "PROVIDER_CONSENT_MISSING",
    );
    expect(refusal(401, "invalid_client", tokenPath, [7000215])?.reasonCode).toBe("PROVIDER_CREDENTIALS_REFUSED");
    expect(refusal(400, "invalid_grant", tokenPath)?.reasonCode).toBe("PROVIDER_CREDENTIALS_REFUSED");
  });

  it("an unreachable provider fails the run; an ordinary bad request is no connection failure", () => {
    expect(refusal(0, "networkError", "/beta/deviceManagement/roleScopeTags")).toMatchObject({
      outcome: "failed",
      reasonCode: "PROVIDER_UNREACHABLE",
    });
    expect(refusal(400, "BadRequest", "/beta/deviceManagement/roleScopeTags")).toBeUndefined();
  });
});
