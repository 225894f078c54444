export { createApiServer, type ApiServer, type ApiServerOptions, type RunningApiServer } from "./server.ts";
export { createRunEvents, type RunEvents, type RunChange, RUN_CHANGED_CHANNEL } from "./live/run-events.ts";
export { schema } from "./schema.ts";
export type { Context } from "./context.ts";
export { consoleLogger, silentLogger, type Logger, type LogMeta } from "./logger.ts";
export { rawIdOf, toGlobalId } from "./ids.ts";
export { SESSION_COOKIE } from "./http/auth.ts";
