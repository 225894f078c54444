/**
 * One server for `pnpm bench:api`, in its own process so the load generator does not share its
 * event loop: `bare` is Apollo Server 5's standalone hello-world, `atlas` the TenantAtlas API on the
 * database in DATABASE_URL. Prints its URL on the first line of stdout.
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { createApiServer } from "@atlas/api";
import { SecretBox } from "@atlas/core";
import { createDb } from "@atlas/db";

const kind = process.argv[2];
if (kind === "bare") {
  const server = new ApolloServer({ typeDefs: "type Query { hello: String }", resolvers: { Query: { hello: () => "world" } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  console.log(url.replace(/\/$/, ""));
} else if (kind === "atlas") {
  const url = process.env.DATABASE_URL!;
  const api = createApiServer({
    db: createDb(url),
    databaseUrl: url,
    box: SecretBox.fromKey(Buffer.alloc(32, 1).toString("base64")),
    logger: { info: () => {}, warn: () => {}, error: (message, meta) => console.error(message, meta?.error) },
    // The default budget (1,000 points/s) would answer most of a flood from one token with 429:
    // the bench measures the request path with budget accounting, not the budget.
    budget: { capacity: 1e12, refillPerSecond: 1e12 },
  });
  const running = await api.start(0);
  await api.ready();
  console.log(running.url);
} else {
  throw new Error("usage: api-bench-server.ts bare|atlas");
}
