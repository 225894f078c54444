/**
 * First-load transfer size of the SPA as Chromium receives it:
 *   pnpm bench:spa        (needs apps/web/dist: pnpm --filter @atlas/web build)
 * Starts the product stack, opens the sign-in page in a fresh Chromium profile (empty cache) and sums
 * the bytes on the wire of every static response (CDP Network.loadingFinished encodedDataLength:
 * headers plus the body as sent, so compressed when the server compresses). A second visit in the
 * same profile shows what the HTTP cache saves. Prints one line per response and the totals.
 */
import { startStack } from "@atlas/cli/stack";
import { SecretBox } from "@atlas/core";
import { databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import { type CDPSession, chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../kit/browser.ts";

interface Transfer {
  path: string;
  status: number;
  encoding: string;
  cacheControl: string;
  fromCache: boolean;
  bytes: number;
}

/** Records every response of one page load until `stop` is called. */
function recordTransfers(cdp: CDPSession, origin: string) {
  const responses = new Map<string, Omit<Transfer, "bytes">>();
  const transfers: Transfer[] = [];
  const servedFromCache = new Set<string>();
  cdp.on("Network.requestServedFromCache", ({ requestId }) => servedFromCache.add(requestId));
  cdp.on("Network.responseReceived", ({ requestId, response }) => {
    const url = new URL(response.url);
    if (url.origin !== origin) return;
    const header = (name: string) => Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? "";
    responses.set(requestId, {
      path: url.pathname,
      status: response.status,
      encoding: header("content-encoding") || "identity",
      cacheControl: header("cache-control"),
      fromCache: Boolean(response.fromDiskCache),
    });
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const response = responses.get(requestId);
    if (!response) return;
    transfers.push({ ...response, fromCache: response.fromCache || servedFromCache.has(requestId), bytes: encodedDataLength });
  });
  return transfers;
}

/** Only the SPA's own files: the API calls the sign-in page makes are not part of the delivery. */
const isStatic = (transfer: Transfer) => !/^\/(graphql|auth|healthz|readyz|exports)(\/|$)/.test(transfer.path);

function print(title: string, transfers: Transfer[]) {
  const files = transfers.filter(isStatic);
  console.log(`\n${title}`);
  for (const file of files) {
    const source = file.fromCache ? "cache" : `${file.status}`;
    console.log(
      `  ${file.path.padEnd(42)} ${source.padEnd(6)} ${file.encoding.padEnd(9)} ${String(file.bytes).padStart(9)} B  ${file.cacheControl}`,
    );
  }
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`  total: ${files.length} files, ${total} B (${(total / 1024).toFixed(1)} KiB) on the wire`);
  return total;
}

// A fresh, migrated database for the product stack, dropped at the end.
const server = await resolveDatabaseServer();
const name = `atlas_spa_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = databaseUrl(server.url, name);
await migrateDatabase(url);
await runMigrations({ connectionString: url });
const secretKey = Buffer.alloc(32, 3).toString("base64");
const stack = await startStack({
  port: 0,
  simPort: 0,
  timeScale: 0.05,
  databaseUrl: url,
  box: SecretBox.fromKey(secretKey),
  quiet: true,
  workerEnv: { ATLAS_SECRET_KEY: secretKey },
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  const origin = new URL(stack.baseUrl).origin;

  // One CDP session per visit, so each visit's listeners see only its own responses.
  const firstSession = await context.newCDPSession(page);
  await firstSession.send("Network.enable");
  const first = recordTransfers(firstSession, origin);
  await page.goto(`${stack.baseUrl}/login`, { waitUntil: "networkidle" });
  await page.getByTestId("login-email").waitFor();
  const firstTotal = print("First visit (empty cache):", first);
  await firstSession.detach();

  const secondSession = await context.newCDPSession(page);
  await secondSession.send("Network.enable");
  const second = recordTransfers(secondSession, origin);
  await page.goto(`${stack.baseUrl}/login`, { waitUntil: "networkidle" });
  await page.getByTestId("login-email").waitFor();
  const secondTotal = print("Second visit (same profile):", second);

  console.log(`\nspa first-load transfer: ${firstTotal} B; repeat visit: ${secondTotal} B`);
} finally {
  await browser.close();
  await stack.close();
  await admin.query(`drop database "${name}" with (force)`);
  await admin.end();
  await server.stop();
}
