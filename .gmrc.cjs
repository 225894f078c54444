// graphile-migrate settings. Migrations are plain SQL: Prisma's migrate cannot run offline here.
module.exports = {
  connectionString: process.env.DATABASE_URL,
  shadowConnectionString: process.env.SHADOW_DATABASE_URL,
  migrationsFolder: "./prisma/migrations",
  placeholders: {},
  afterReset: [],
  afterAllMigrations: [],
  afterCurrent: [],
};
