import { parseArgs } from "node:util";
import { DEMO_PASSWORD } from "@atlas/core";
import {
  UsageError,
  environmentAddCommand,
  migrateCommand,
  seedDemoCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  userCreateCommand,
} from "./commands.ts";
import { baselineImportCommand } from "./baseline-command.ts";
import { describeDatabase } from "./database.ts";

const USAGE = `Usage: pnpm atlas <command>
  start [--role all|api|worker]       all (default): database, simulator, API + SPA and worker on PORT (default 4000);
                                      api or worker: one side of a scaled-out deployment on DATABASE_URL
  migrate                             apply the SQL migrations
  seed demo                           demo workspaces, environments and users (idempotent)
  user create --email E --password P [--name N] [--workspace SLUG --role ROLE]
  token create --workspace SLUG --role ROLE [--name N]   prints the token on the last line
  token list --workspace SLUG | token revoke --workspace SLUG --id TOKEN_ID
  environment add --workspace SLUG --name N --tenant-id GUID --client-id GUID   (secret in ATLAS_CLIENT_SECRET)
  baseline import --workspace SLUG --name N FOLDER   a baseline from the exported .json files below FOLDER
The database is DATABASE_URL, or the embedded PostgreSQL under ATLAS_DATA_DIR (default .atlas/).`;

const port = Number(process.env.PORT ?? 4000);
const simPort = Number(process.env.ATLAS_SIM_PORT ?? port + 10);

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      workspace: { type: "string" },
      role: { type: "string" },
      "tenant-id": { type: "string" },
      "client-id": { type: "string" },
      id: { type: "string" },
    },
  });
  // The only command with an operand: its folder follows the two command words.
  if (positionals[0] === "baseline" && positionals[1] === "import") return baselineImportCommand(values, positionals.slice(2));
  const command = positionals.join(" ");
  switch (command) {
    case "migrate":
      return migrateCommand();
    case "seed demo":
      return seedDemoCommand(process.env.ATLAS_GRAPH_SIM_URL ?? `http://127.0.0.1:${simPort}`);
    case "user create":
      return userCreateCommand(values);
    case "token create":
      return tokenCreateCommand(values);
    case "token list":
      return tokenListCommand(values);
    case "token revoke":
      return tokenRevokeCommand(values);
    case "environment add":
      return environmentAddCommand(values);
    case "start":
      return start(values.role ?? "all");
    default:
      throw new UsageError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  }
}

async function start(role: string) {
  // A server runs in production mode unless told otherwise. graphql-js reads this once, when it is
  // first loaded (below): outside production every failed type check while resolving fields also
  // looks for a second copy of graphql, a development aid paid on every request.
  process.env.NODE_ENV ??= "production";
  // Loaded only here: the other commands need neither the API nor the simulator.
  const { STACK_ROLES, startRole } = await import("./stack.ts");
  if (!STACK_ROLES.includes(role as "all")) throw new UsageError(`--role must be one of ${STACK_ROLES.join(", ")}.\n${USAGE}`);
  const running = await startRole(role as "all", { port, simPort, timeScale: Number(process.env.ATLAS_GRAPH_TIME_SCALE ?? 1) });
  if (role === "all") {
    // One write, so whoever reads the output (a supervisor, a test) never sees half of the banner.
    console.log(
      [
        `\nTenantAtlas is running at ${running.baseUrl}  (database: ${describeDatabase()})`,
        `  Sign in as operator@demo.test / ${DEMO_PASSWORD} (also owner@, readonly@demo.test)`,
        `  GraphQL: ${running.baseUrl}/graphql   Playground: ${running.baseUrl}/playground   Graph simulator: ${running.simUrl}\n`,
      ].join("\n"),
    );
  } else if (role === "api") {
    console.log(`TenantAtlas API is running at ${running.baseUrl}  (database: ${describeDatabase()})`);
  } else {
    console.log(`TenantAtlas worker is running  (database: ${describeDatabase()})`);
  }
  const shutdown = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  // Started with an IPC channel (a test or a supervisor): stop with the process that started us.
  if (process.channel) process.once("disconnect", shutdown);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof UsageError ? error.message : `Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
