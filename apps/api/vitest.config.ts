import { createRequire } from "node:module";
import { unitProject } from "../../vitest.shared.ts";

const require = createRequire(import.meta.url);

/**
 * Pothos and Apollo load graphql's CJS build; Vite would otherwise hand the .mjs one to our code and
 * create a second graphql realm ("Cannot use GraphQLSchema from another module or realm"). Every
 * test project that loads the API uses this alias.
 */
export const graphqlRealmAlias = { graphql: require.resolve("graphql/index.js") };

export default unitProject("api", { resolve: { alias: graphqlRealmAlias } });
