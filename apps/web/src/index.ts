import { fileURLToPath } from "node:url";

// Lets the API serve the built SPA without hard-coding a relative path into apps/web.
export const webDistDirectory = fileURLToPath(new URL("../dist", import.meta.url));
