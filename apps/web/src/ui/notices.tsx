import type { ReactNode } from "react";

/** An error the user should see now (announced by screen readers as an alert). */
export function ErrorNotice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      {children}
    </div>
  );
}

/** A quiet message: loading, empty lists, what just happened. */
export function InfoNotice({ children }: { children: ReactNode }) {
  return <div className="notice">{children}</div>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
