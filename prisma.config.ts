// Offline machines cannot download Prisma's schema engine; generate needs none, so point it nowhere.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
