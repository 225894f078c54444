import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import type { TestDatabase } from "../database.ts";
import { TEST_SECRET_BOX } from "../seed.ts";
import { type TestApi, startTestApi } from "./harness.ts";

export interface ApiStack {
  sim: GraphSim;
  api: TestApi;
  worker: RunningWorker;
  close(): Promise<void>;
}

/** The API with the demo data, the Graph simulator over real HTTP (time-scaled) and an in-process worker. */
export async function startApiStack(database: TestDatabase, timeScale = 0.05): Promise<ApiStack> {
  const sim = await startGraphSim({ port: 0, timeScale });
  const api = await startTestApi(database, TEST_SECRET_BOX, { graph: { baseUrl: sim.url, tenants: DEMO_TENANTS } });
  const worker = await startWorker({
    connectionString: database.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale },
    log: () => {},
  });
  return {
    sim,
    api,
    worker,
    close: async () => {
      await worker.stop();
      await api.close();
      await sim.close();
    },
  };
}
