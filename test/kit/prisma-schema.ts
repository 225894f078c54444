import { readFileSync } from "node:fs";

/**
 * A small reader of the hand-kept schema.prisma: enough of the language (models, enums, @map,
 * @@map, @db.*, ?, [], @default, @unique, @@unique, @relation) to compare it with the database the
 * SQL migrations build. Prisma's own schema engine cannot run offline here.
 */
export interface PrismaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType?: string;
  hasDefault: boolean;
  unique: boolean;
  id: boolean;
  relation?: { fields: string[]; references: string[]; onDelete?: string };
}

export interface PrismaModel {
  name: string;
  table: string;
  fields: PrismaField[];
  uniques: string[][];
}

export interface PrismaEnum {
  name: string;
  dbName: string;
  values: string[];
}

const blockPattern = /^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
const list = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export function readPrismaSchema(file: string) {
  const source = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const models: PrismaModel[] = [];
  const enums: PrismaEnum[] = [];
  for (const [, kind, name, body] of source.matchAll(blockPattern)) {
    const lines = (body ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const mapped = lines.find((line) => line.startsWith("@@map("))?.match(/@@map\("([^"]+)"\)/)?.[1];
    if (kind === "enum") {
      enums.push({ name: name!, dbName: mapped ?? name!, values: lines.filter((line) => !line.startsWith("@@")) });
      continue;
    }
    const fields: PrismaField[] = [];
    const uniques: string[][] = [];
    for (const line of lines) {
      if (line.startsWith("@@unique(")) {
        // A field may carry a sort order, e.g. createdAt(sort: Desc): the column is the name before it.
        uniques.push(list(line.match(/@@unique\(\[([^\]]+)\]/)?.[1]).map((field) => field.replace(/\(.*\)$/, "")));
      }
      if (line.startsWith("@@")) continue;
      const [fieldName, rawType = "", ...rest] = line.split(/\s+/);
      const attributes = rest.join(" ");
      const relation = attributes.match(/@relation\(([^)]*)\)/)?.[1];
      fields.push({
        name: fieldName!,
        column: attributes.match(/@map\("([^"]+)"\)/)?.[1] ?? fieldName!,
        type: rawType.replace(/[?[\]]/g, ""),
        optional: rawType.endsWith("?"),
        list: rawType.endsWith("[]"),
        nativeType: attributes.match(/@db\.(\w+)/)?.[1],
        hasDefault: attributes.includes("@default("),
        unique: /@unique\b/.test(attributes),
        id: /@id\b/.test(attributes),
        relation: relation?.includes("fields:")
          ? {
              fields: list(relation.match(/fields:\s*\[([^\]]+)\]/)?.[1]),
              references: list(relation.match(/references:\s*\[([^\]]+)\]/)?.[1]),
              onDelete: relation.match(/onDelete:\s*(\w+)/)?.[1],
            }
          : undefined,
      });
    }
    models.push({ name: name!, table: mapped ?? name!, fields, uniques });
  }
  return { models, enums };
}
