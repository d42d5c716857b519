import { formatStatus } from "../format.ts";

/** A run's or step's status as a coloured pill; the colour comes from `.pill[data-status]`. */
export function StatusPill({ status }: { status: string }) {
  return (
    <span className="pill" data-status={status}>
      {formatStatus(status)}
    </span>
  );
}
