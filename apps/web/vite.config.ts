import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

// The API listens here in development; in production the API serves dist/ on the same origin.
const apiOrigin = "http://127.0.0.1:4000";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [
    react(),
    // Brotli and gzip copies next to every text asset, made once at build time: the API serves them
    // by Accept-Encoding instead of compressing on every request (apps/api/src/http/static.ts).
    compression({
      algorithms: ["brotliCompress", "gzip"],
      include: /\.(html|js|mjs|css|json|svg|ttf)$/,
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // GraphiQL (Monaco) is large by nature; it is code-split into the playground route only.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      onwarn(warning, defaultHandler) {
        // GraphiQL ships React-compiler "use no memo" directives; dropping them is harmless.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        defaultHandler(warning);
      },
    },
  },
  server: {
    proxy: {
      // graphql-sse streams over long-lived responses: the proxy must not time them out.
      "/graphql": { target: apiOrigin, changeOrigin: false, timeout: 0, proxyTimeout: 0 },
      "/auth": { target: apiOrigin },
      "/healthz": { target: apiOrigin },
    },
  },
  preview: {
    proxy: {
      "/graphql": { target: apiOrigin, timeout: 0, proxyTimeout: 0 },
      "/auth": { target: apiOrigin },
      "/healthz": { target: apiOrigin },
    },
  },
});
