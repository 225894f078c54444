export type LogMeta = Record<string, unknown>;

export interface Logger {
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
}

function serialize(meta: LogMeta | undefined): LogMeta | undefined {
  if (!meta) return undefined;
  return Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [
      key,
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    ]),
  );
}

/** One JSON object per line on stdout/stderr. */
export const consoleLogger: Logger = {
  info: (message, meta) => console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message, ...serialize(meta) })),
  warn: (message, meta) => console.warn(JSON.stringify({ level: "warn", time: new Date().toISOString(), message, ...serialize(meta) })),
  error: (message, meta) => console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message, ...serialize(meta) })),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
