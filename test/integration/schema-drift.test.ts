import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../kit/index.ts";
import { type PrismaField, type PrismaModel, readPrismaSchema } from "../kit/prisma-schema.ts";

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/schema.prisma");
const prisma = readPrismaSchema(schemaFile);
const enumNames = new Map(prisma.enums.map((item) => [item.name, item.dbName]));
const modelNames = new Map(prisma.models.map((model) => [model.name, model]));

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** The column type the migrations must have created for a Prisma field. */
function expectedType(field: PrismaField): string {
  const scalar: Record<string, string> = {
    String: field.nativeType === "Uuid" ? "uuid" : "text",
    Int: "int4",
    BigInt: "int8",
    Float: "float8",
    Boolean: "bool",
    DateTime: field.nativeType === "Timestamptz" ? "timestamptz" : "timestamp",
    Json: "jsonb",
  };
  const base = enumNames.get(field.type) ?? scalar[field.type] ?? `unknown:${field.type}`;
  return field.list ? `_${base}` : base;
}

const scalarFields = (model: PrismaModel) => model.fields.filter((field) => !modelNames.has(field.type));

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
}

describe("prisma/schema.prisma agrees with the SQL migrations", () => {
  it("has the same tables", async () => {
    const rows = await t.db.$queryRaw<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    expect(rows.map((row) => row.table_name).sort()).toEqual(prisma.models.map((model) => model.table).sort());
  });

  it("has the same columns, types, nullability and defaults", async () => {
    const rows = await t.db.$queryRaw<ColumnRow[]>`
      select table_name, column_name, udt_name, is_nullable, column_default from information_schema.columns where table_schema = 'public'`;
    for (const model of prisma.models) {
      const columns = rows.filter((row) => row.table_name === model.table);
      const fromPrisma = scalarFields(model).map((field) => ({
        column: field.column,
        type: expectedType(field),
        nullable: field.optional,
        hasDefault: field.hasDefault,
      }));
      const fromSql = columns.map((row) => ({
        column: row.column_name,
        type: row.udt_name,
        nullable: row.is_nullable === "YES",
        hasDefault: row.column_default !== null,
      }));
      const byColumn = (a: { column: string }, b: { column: string }) => a.column.localeCompare(b.column);
      expect(fromPrisma.sort(byColumn), `table ${model.table}`).toEqual(fromSql.sort(byColumn));
    }
  });

  it("has the same enums and values", async () => {
    const rows = await t.db.$queryRaw<{ name: string; values: string[] }[]>`
      select t.typname::text as name, array_agg(e.enumlabel::text order by e.enumsortorder) as values
        from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname`;
    expect(rows.map((row) => ({ name: row.name, values: row.values })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      prisma.enums.map((item) => ({ name: item.dbName, values: item.values })).sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("has the same foreign keys and delete rules", async () => {
    const rows = await t.db.$queryRaw<
      { table_name: string; column_name: string; foreign_table: string; foreign_column: string; delete_rule: string }[]
    >`
      select kcu.table_name, kcu.column_name, ccu.table_name as foreign_table, ccu.column_name as foreign_column, rc.delete_rule
        from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.table_schema = 'public'
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.table_schema = 'public'`;
    const rules: Record<string, string> = { Cascade: "CASCADE", SetNull: "SET NULL", Restrict: "RESTRICT", NoAction: "NO ACTION" };
    const expected = prisma.models.flatMap((model) =>
      model.fields
        .filter((field) => field.relation)
        .map((field) => {
          const target = modelNames.get(field.type)!;
          const column = model.fields.find((candidate) => candidate.name === field.relation!.fields[0])!.column;
          const reference = target.fields.find((candidate) => candidate.name === field.relation!.references[0])!.column;
          return `${model.table}.${column} -> ${target.table}.${reference} ${rules[field.relation!.onDelete ?? "NoAction"]}`;
        }),
    );
    const actual = rows.map(
      (row) => `${row.table_name}.${row.column_name} -> ${row.foreign_table}.${row.foreign_column} ${row.delete_rule}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has a unique index for every @unique and @@unique", async () => {
    const rows = await t.db.$queryRaw<{ table_name: string; columns: string[] }[]>`
      select tc.relname::text as table_name, array_agg(a.attname::text order by k.ordinality) as columns
        from pg_index i
        join pg_class tc on tc.oid = i.indrelid
        join pg_namespace n on n.oid = tc.relnamespace and n.nspname = 'public'
        cross join lateral unnest(i.indkey) with ordinality as k(attnum, ordinality)
        join pg_attribute a on a.attrelid = tc.oid and a.attnum = k.attnum
       where i.indisunique and i.indpred is null
       group by i.indexrelid, tc.relname`;
    const actual = new Set(rows.map((row) => `${row.table_name}(${row.columns.join(",")})`));
    for (const model of prisma.models) {
      const column = (name: string) => model.fields.find((field) => field.name === name)!.column;
      const expected = [
        ...model.fields.filter((field) => field.unique || field.id).map((field) => [field.column]),
        ...model.uniques.map((fields) => fields.map(column)),
      ];
      for (const columns of expected)
        expect(actual, `${model.table}(${columns.join(",")})`).toContain(`${model.table}(${columns.join(",")})`);
    }
  });
});
