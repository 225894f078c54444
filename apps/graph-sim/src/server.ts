// startGraphSim: one real HTTP server per call, with its own copy of the tenants, so parallel test
// files never see each other's writes, faults or history.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHttpApp } from "./http-app.ts";
import { createSimControl, createSimState } from "./sim-state.ts";
import type { GraphSim, GraphSimOptions } from "./types.ts";

export async function startGraphSim(options: GraphSimOptions = {}): Promise<GraphSim> {
  const state = createSimState(options);
  const control = createSimControl(state);
  const host = options.host ?? "127.0.0.1";
  const server = createServer(createHttpApp(state, control));
  // Clients keep connections alive; without this close() would wait for them to time out.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    ...control,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
