import { cellText, setCell, type TableRow, tableColumns } from "./edited-value.ts";

interface TableEditorProps {
  field: string;
  rows: readonly TableRow[];
  onChange: (rows: TableRow[]) => void;
}

/** A list of objects as an editable table: one column per key, one text input per cell. */
export function TableEditor({ field, rows, onChange }: TableEditorProps) {
  const columns = tableColumns(rows);

  function addRow() {
    const blank = Object.fromEntries(
      columns.map((c) => {
        const sample = rows.find((r) => r[c] !== undefined && r[c] !== null)?.[c];
        return [c, typeof sample === "number" ? 0 : typeof sample === "boolean" ? false : ""];
      }),
    );
    onChange([...rows, blank]);
  }

  return (
    <div className="table-wrap">
      <table className="table-editor">
        <caption>
          Proposed <code>{field}</code> ({rows.length} rows)
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Rows have no identity of their own: their position is what the reviewer edits.
            <tr key={index}>
              {columns.map((column) => (
                <td key={column}>
                  <input
                    aria-label={`${column}, row ${index + 1}`}
                    value={cellText(row[column])}
                    onChange={(e) => onChange(setCell(rows, index, column, e.target.value))}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove row ${index + 1}`}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button-small" onClick={addRow}>
        Add row
      </button>
    </div>
  );
}
