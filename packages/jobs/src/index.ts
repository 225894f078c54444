export * from "./catalog.ts";
export * from "./enqueue.ts";
