import { describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";

// Every Content-Security-Policy violation the page reports, from its first script on.
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
  });
`;

const suite = useBrowserStack({ initScript: RECORD_CSP_VIOLATIONS });
const violations = () => suite.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

describe("the SPA under its security headers", () => {
  it("shows the wait after repeated wrong passwords, in English", async () => {
    const { page } = suite;
    await page.goto(`${suite.stack.baseUrl}/login`);
    await page.getByTestId("login-email").fill("operator@demo.test");
    let waitShown = "";
    for (let attempt = 0; attempt < 8 && !waitShown; attempt++) {
      await page.getByTestId("login-password").fill(`wrong-${attempt}`);
      const [response] = await Promise.all([page.waitForResponse("**/auth/login"), page.getByTestId("login-submit").click()]);
      await page.getByTestId("login-error").waitFor();
      if (response.status() === 429) {
        waitShown = (await page.getByTestId("login-error").textContent()) ?? "";
        expect(await page.getByTestId("login-submit").isDisabled()).toBe(true);
      }
    }
    expect(waitShown).toMatch(/Try again in \d+ seconds?/);
    // The countdown ends and the form works again.
    await expect.poll(() => page.getByTestId("login-submit").isDisabled(), { timeout: 20_000 }).toBe(false);
    expect(await violations()).toEqual([]);
  });

  it("runs the app and the GraphiQL playground without a CSP violation", async () => {
    const { page } = suite;
    await signIn(page, suite.stack.baseUrl, "readonly@demo.test");
    await page.goto(`${suite.stack.baseUrl}/playground`);
    await page.getByTestId("playground").waitFor();
    await page.locator(".graphiql-container .monaco-editor").first().waitFor({ timeout: 30_000 });
    await page.locator(".graphiql-execute-button").click();
    await expect.poll(() => page.locator(".graphiql-response").textContent(), { timeout: 30_000 }).toMatch(/"(data|errors)"/);
    expect(await violations()).toEqual([]);
  });
});
