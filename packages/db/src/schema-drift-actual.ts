import type pg from "pg";
import type { DbSchema, DbTable } from "./schema-drift.ts";

// Everything in `public` except Prisma's ledger; the job queue keeps its tables in a schema of its own.
const TABLES = `n.nspname = 'public' AND t.relkind IN ('r', 'p') AND t.relname <> '_prisma_migrations'`;
const FROM_TABLES = `pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace`;

const ENUMS = `
  SELECT ty.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
    FROM pg_type ty
    JOIN pg_namespace n ON n.oid = ty.typnamespace
    JOIN pg_enum e ON e.enumtypid = ty.oid
   WHERE n.nspname = 'public'
   GROUP BY ty.typname`;

const COLUMNS = `
  SELECT t.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
         NOT a.attnotnull AS nullable, (a.atthasdef OR a.attidentity <> '') AS has_default
    FROM ${FROM_TABLES}
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE ${TABLES}
   ORDER BY t.relname, a.attnum`;

// Key columns in order; an expression index shows its expression. Bit 1 of indoption is DESC.
const INDEXES = `
  SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, am.amname AS method,
         pg_get_expr(ix.indpred, ix.indrelid) AS where,
         ARRAY(
           SELECT coalesce(a.attname::text, pg_get_indexdef(ix.indexrelid, k, true))
                  || CASE WHEN ix.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
             FROM generate_series(1, ix.indnkeyatts) AS k
             LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]
            ORDER BY k
         ) AS columns
    FROM ${FROM_TABLES}
    JOIN pg_index ix ON ix.indrelid = t.oid
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_am am ON am.oid = i.relam
   WHERE ${TABLES} AND NOT ix.indisprimary
   ORDER BY i.relname`;

const CONSTRAINTS = `
  SELECT c.conname AS name, c.contype AS kind, t.relname AS table, r.relname AS referenced_table,
         ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
         ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i)
           AS referenced_columns,
         c.confdeltype AS on_delete, c.confupdtype AS on_update
    FROM ${FROM_TABLES}
    JOIN pg_constraint c ON c.conrelid = t.oid
    LEFT JOIN pg_class r ON r.oid = c.confrelid
   WHERE ${TABLES} AND c.contype IN ('p', 'f')
   ORDER BY c.conname`;

const ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** What the connected database holds in its `public` schema (read from pg_catalog). */
export async function actualSchema(client: pg.ClientBase): Promise<DbSchema> {
  const schema: DbSchema = { enums: {}, tables: {} };
  const table = (name: string): DbTable => {
    schema.tables[name] ??= { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    return schema.tables[name];
  };

  for (const row of (await client.query(ENUMS)).rows) schema.enums[row.name] = row.values;
  for (const row of (await client.query(COLUMNS)).rows) {
    table(row.table).columns[row.column] = {
      type: row.type,
      nullable: row.nullable,
      hasDefault: row.has_default,
    };
  }
  for (const row of (await client.query(INDEXES)).rows) {
    table(row.table).indexes[row.name] = {
      columns: row.columns,
      unique: row.unique,
      method: row.method,
      where: row.where,
    };
  }
  for (const row of (await client.query(CONSTRAINTS)).rows) {
    if (row.kind === "p") {
      table(row.table).primaryKey = { name: row.name, columns: row.columns };
      continue;
    }
    table(row.table).foreignKeys[row.name] = {
      columns: row.columns,
      referencedTable: row.referenced_table,
      referencedColumns: row.referenced_columns,
      onDelete: ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: ACTIONS[row.on_update] ?? row.on_update,
    };
  }
  return schema;
}
