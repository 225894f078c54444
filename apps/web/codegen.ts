import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

/**
 * Types every GraphQL document of the SPA from the API's printed schema. The output is not committed:
 * `build`, `typecheck` and `postinstall` regenerate it, so a document that asks for a field the schema
 * lacks fails there, and nothing ever compiles against stale types.
 */
const config: CodegenConfig = {
  schema: "../api/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/graphql/generated/**"],
  generates: {
    "src/graphql/generated/": {
      preset: "client",
      // Fragments stay plain object types: components read what the document selected.
      presetConfig: { fragmentMasking: false },
      // Every selection carries __typename (urql adds it at run time), so unions narrow on it.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { DateTime: "string", ID: "string" },
        strictScalars: true,
        // Enums as const objects: their values are there at run time too (filter options, label maps).
        enumType: "const",
        useTypeImports: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};

export default config;
