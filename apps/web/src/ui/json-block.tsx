/**
 * A value pretty-printed as JSON text (never interpreted as HTML). The block wraps rather than
 * scrolls, so it needs no keyboard focus of its own.
 */
export function JsonBlock({ value }: { value: unknown }) {
  const text = value === undefined || value === null ? "—" : JSON.stringify(value, null, 2);
  return <pre className="code-block">{text}</pre>;
}
