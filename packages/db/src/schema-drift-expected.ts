import { readFile } from "node:fs/promises";
import internals from "@prisma/internals";
import type { DbSchema, DbTable } from "./schema-drift.ts";

const { getDMMF } = internals;
type Datamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Text: () => "text",
  VarChar: (a) => (a.length ? `character varying(${a[0]})` : "character varying"),
  Char: (a) => `character(${a[0] ?? 1})`,
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Decimal: (a) => (a.length ? `numeric(${a.join(",")})` : "numeric"),
  Money: () => "money",
  Boolean: () => "boolean",
  Timestamptz: (a) => `timestamp(${a[0] ?? 6}) with time zone`,
  Timestamp: (a) => `timestamp(${a[0] ?? 6}) without time zone`,
  Date: () => "date",
  Time: (a) => `time(${a[0] ?? 6}) without time zone`,
  Timetz: (a) => `time(${a[0] ?? 6}) with time zone`,
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Inet: () => "inet",
  Xml: () => "xml",
};

// Defaults Prisma Client fills in itself: they leave no DEFAULT in the database.
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

/** What `schemaPath` (a schema.prisma) declares. */
export async function expectedSchema(schemaPath: string): Promise<DbSchema> {
  const { datamodel } = await getDMMF({ datamodel: await readFile(schemaPath, "utf8") });
  const enums: DbSchema["enums"] = {};
  for (const e of datamodel.enums) enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));

  const tables: DbSchema["tables"] = {};
  for (const model of datamodel.models) {
    const table: DbTable = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    tables[tableName(model)] = table;
    for (const field of model.fields) {
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      table.columns[columnName(model, field.name)] = {
        type: columnType(field, enumNames),
        // Scalar lists are nullable columns, whatever the schema says.
        nullable: !field.isRequired || field.isList,
        hasDefault: hasDatabaseDefault(field),
      };
    }
    for (const relation of model.fields) {
      const from = relation.relationFromFields ?? [];
      if (relation.kind !== "object" || from.length === 0) continue;
      const target = models.get(relation.type);
      if (target === undefined) throw new Error(`Unknown model ${relation.type}`);
      const columns = from.map((f) => columnName(model, f));
      const optional = from.some((f) => !model.fields.find((x) => x.name === f)?.isRequired);
      const onUpdate = (relation as { relationOnUpdate?: string }).relationOnUpdate ?? "Cascade";
      table.foreignKeys[prismaName(tableName(model), columns, "fkey")] = {
        columns,
        referencedTable: tableName(target),
        referencedColumns: (relation.relationToFields ?? []).map((f) => columnName(target, f)),
        onDelete: action(relation.relationOnDelete ?? (optional ? "SetNull" : "Restrict")),
        onUpdate: action(onUpdate),
      };
    }
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    if (model === undefined) throw new Error(`Unknown model ${index.model}`);
    const table = tables[tableName(model)] as DbTable;
    const names = index.fields.map((f) => columnName(model, f.name));
    if (index.type === "id") {
      table.primaryKey = { name: index.dbName ?? `${tableName(model)}_pkey`, columns: names };
      continue;
    }
    if (index.type !== "unique" && index.type !== "normal") continue; // fulltext: MySQL only
    const unique = index.type === "unique";
    table.indexes[index.dbName ?? prismaName(tableName(model), names, unique ? "key" : "idx")] = {
      columns: index.fields.map((f, i) =>
        f.sortOrder === "desc" ? `${names[i]} DESC` : (names[i] as string),
      ),
      unique,
      method: index.algorithm?.toLowerCase() ?? "btree",
      where: null,
    };
  }
  return { enums, tables };
}

const tableName = (model: Model) => model.dbName ?? model.name;

function columnName(model: Model, fieldName: string): string {
  const field = model.fields.find((f) => f.name === fieldName);
  if (field === undefined) throw new Error(`Unknown field ${model.name}.${fieldName}`);
  return field.dbName ?? field.name;
}

function columnType(field: Field, enumNames: Map<string, string>): string {
  const base = (() => {
    if (field.kind === "enum") return enumNames.get(field.type) ?? field.type;
    if (field.nativeType) {
      const [name, args] = field.nativeType as [string, string[]];
      const native = NATIVE_TYPES[name];
      if (native === undefined) throw new Error(`schema-drift.ts does not know the native type @db.${name}`);
      return native(args);
    }
    const scalar = SCALAR_TYPES[field.type];
    if (scalar === undefined) throw new Error(`schema-drift.ts does not know the type ${field.type}`);
    return scalar;
  })();
  return field.isList ? `${base}[]` : base;
}

function hasDatabaseDefault(field: Field): boolean {
  if (!field.hasDefaultValue) return false;
  const value = field.default;
  const isFunction = typeof value === "object" && value !== null && !Array.isArray(value) && "name" in value;
  return !(isFunction && CLIENT_SIDE_DEFAULTS.has(value.name));
}

function action(prismaAction: string): string {
  return REFERENTIAL_ACTIONS[prismaAction] ?? prismaAction;
}

// Prisma's default constraint name: `<table>_<columns>_<suffix>`, the front cut to fit 63 characters.
function prismaName(table: string, columns: string[], suffix: string): string {
  return `${[table, ...columns].join("_").slice(0, 63 - suffix.length - 1)}_${suffix}`;
}
