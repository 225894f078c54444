// Standalone simulator: `tsx apps/graph-sim/src/main.ts --port 4010 --time-scale 1 [--host 127.0.0.1]`.
// Prints the URL and the demo tenants' ids; never prints secrets (they live in demo-tenants.ts).

import { parseArgs } from "node:util";
import { DEMO_TENANTS } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "time-scale": { type: "string", default: "1" },
  },
});

const port = Number(values.port);
const timeScale = Number(values["time-scale"]);
if (!Number.isInteger(port) || port < 0) throw new Error(`--port must be a non-negative integer, got ${values.port}`);

const sim = await startGraphSim({ port, host: values.host, timeScale });
console.log(`graph-sim listening on ${sim.url} (timeScale ${timeScale})`);
for (const tenant of DEMO_TENANTS) {
  console.log(
    `  ${tenant.name.padEnd(10)} tenant ${tenant.tenantId}  client ${tenant.clientId}  objects ${sim.objectCount(tenant.tenantId)}`,
  );
}

const shutdown = () => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
