import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer, silentLogger } from "../../apps/api/src/index.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const dist = path.join(repoRoot, "apps/web/dist");

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as it came over the wire (still compressed). */
  body: Buffer;
}

/** node:http rather than fetch: fetch decodes the body, and the test needs the bytes as sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/** The scripts and stylesheets index.html makes the browser load first. */
function firstLoadAssets(): string[] {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
}

let database: TestDatabase;
let running: { url: string; close(): Promise<void> };

beforeAll(async () => {
  if (!existsSync(path.join(dist, "index.html"))) {
    execFileSync("pnpm", ["--filter", "@atlas/web", "build"], { cwd: repoRoot, stdio: "inherit" });
  }
  database = await createTestDatabase();
  const server = createApiServer({
    db: database.db,
    databaseUrl: database.url,
    webDistDir: dist,
    logger: silentLogger,
    box: TEST_SECRET_BOX,
  });
  running = await server.start(0);
});

afterAll(async () => {
  await running?.close();
  await database?.drop();
});

describe("SPA delivery", () => {
  it("sends hashed assets brotli-compressed and cacheable for a year", async () => {
    const assets = firstLoadAssets();
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const original = readFileSync(path.join(dist, asset));
      const response = await get(`${running.url}${asset}`, { "accept-encoding": "gzip, deflate, br" });
      expect(response.status, asset).toBe(200);
      expect(response.headers["content-encoding"], asset).toBe("br");
      expect(response.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
      expect(response.headers.vary, asset).toMatch(/accept-encoding/i);
      expect(response.headers["content-type"], asset).toMatch(asset.endsWith(".js") ? /javascript/ : /text\/css/);
      expect(response.body.length, asset).toBeLessThan(original.length);
      expect(brotliDecompressSync(response.body).equals(original), asset).toBe(true);
    }
  });

  it("falls back to gzip, and to the plain file for a client that accepts neither", async () => {
    const [asset] = firstLoadAssets();
    const original = readFileSync(path.join(dist, asset!));

    const gzipped = await get(`${running.url}${asset}`, { "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).equals(original)).toBe(true);

    const plain = await get(`${running.url}${asset}`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.body.equals(original)).toBe(true);
  });

  it("never lets a browser keep index.html without asking, so a deploy shows on the next load", async () => {
    for (const route of ["/", "/operations", "/runs/123", "/index.html"]) {
      const response = await get(`${running.url}${route}`, { "accept-encoding": "gzip, deflate, br" });
      expect(response.status, route).toBe(200);
      expect(response.headers["cache-control"], route).toBe("no-cache");
    }
    expect((await get(`${running.url}/assets/missing-0000.js`)).status).toBe(404);
  });
});
