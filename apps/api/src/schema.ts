import { builder } from "./builder.ts";
import "./schema/index.ts";

/** The executable schema: built once per process. */
export const schema = builder.toSchema({ sortSchema: true });
