export { actualSchema } from "./schema-drift-actual.ts";
export { expectedSchema } from "./schema-drift-expected.ts";

/**
 * The PostgreSQL schema as the drift test sees it: what schema.prisma declares (`expectedSchema`)
 * or what a database holds (`actualSchema`), in the `public` schema only. Types are spelled the way
 * PostgreSQL's `format_type` spells them (`timestamp(3) with time zone`, `numeric(12,6)`).
 *
 * Names follow Prisma's defaults (`<table>_pkey`, `<table>_<columns>_key|_idx|_fkey`, cut to 63
 * characters) unless schema.prisma gives one with `map:`. Prisma's DMMF does not expose the `map:`
 * of a `@relation`, so a renamed foreign key shows up as drift.
 */
export interface DbSchema {
  /** Enum type name -> values in declaration order. */
  enums: Record<string, string[]>;
  tables: Record<string, DbTable>;
}

export interface DbTable {
  columns: Record<string, { type: string; nullable: boolean; hasDefault: boolean }>;
  primaryKey: { name: string; columns: string[] } | null;
  /** Every index except the primary key's; a column is `name` or `name DESC`. */
  indexes: Record<string, { columns: string[]; unique: boolean; method: string; where: string | null }>;
  foreignKeys: Record<
    string,
    {
      columns: string[];
      referencedTable: string;
      referencedColumns: string[];
      onDelete: string;
      onUpdate: string;
    }
  >;
}

/**
 * Every difference between two schemas as one readable line, e.g.
 * `column workflow_runs.status: expected run_status NOT NULL, found text NULL`; empty when they agree.
 * A table missing on either side is one line: its columns, keys and indexes are not listed.
 *
 * @example
 * expect(diffSchemas(await expectedSchema("prisma/schema.prisma"), await actualSchema(client))).toEqual([]);
 */
export function diffSchemas(expected: DbSchema, actual: DbSchema): string[] {
  const bothTables = new Set(Object.keys(expected.tables).filter((name) => name in actual.tables));
  const want = describe(expected, bothTables);
  const have = describe(actual, bothTables);
  const differences: string[] = [];
  for (const [key, wanted] of want) {
    const found = have.get(key);
    if (found === undefined) differences.push(`${key}: missing${wanted ? ` (expected ${wanted})` : ""}`);
    else if (found !== wanted) differences.push(`${key}: expected ${wanted}, found ${found}`);
  }
  for (const [key, found] of have) {
    if (!want.has(key)) differences.push(`${key}: not in schema.prisma${found ? ` (found ${found})` : ""}`);
  }
  return differences;
}

// "what" -> how it looks, e.g. "column briefs.notes" -> "text NULL".
function describe(schema: DbSchema, detailedTables: Set<string>): Map<string, string> {
  const lines = new Map<string, string>();
  for (const [name, values] of Object.entries(schema.enums)) {
    lines.set(`enum ${name}`, values.map((v) => `'${v}'`).join(", "));
  }
  for (const [name, table] of Object.entries(schema.tables)) {
    lines.set(`table ${name}`, "");
    if (!detailedTables.has(name)) continue;
    for (const [column, c] of Object.entries(table.columns)) {
      lines.set(
        `column ${name}.${column}`,
        `${c.type} ${c.nullable ? "NULL" : "NOT NULL"}${c.hasDefault ? " DEFAULT" : ""}`,
      );
    }
    const pk = table.primaryKey;
    lines.set(`primary key of ${name}`, pk ? `${pk.name} (${pk.columns.join(", ")})` : "none");
    for (const [index, i] of Object.entries(table.indexes)) {
      const using = i.method === "btree" ? "" : ` USING ${i.method}`;
      const where = i.where === null ? "" : ` WHERE ${i.where}`;
      lines.set(
        `index ${index}`,
        `${i.unique ? "UNIQUE " : ""}ON ${name}${using} (${i.columns.join(", ")})${where}`,
      );
    }
    for (const [fk, f] of Object.entries(table.foreignKeys)) {
      lines.set(
        `foreign key ${fk}`,
        `${name} (${f.columns.join(", ")}) REFERENCES ${f.referencedTable} (${f.referencedColumns.join(", ")}) ` +
          `ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`,
      );
    }
  }
  return lines;
}
