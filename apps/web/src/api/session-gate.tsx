import { type FormEvent, useEffect, useState } from "react";
import { RouterProvider } from "react-router";
import { usePageTitle } from "../app/page-title.ts";
import { router } from "../app/router.tsx";
import { Field } from "../ui/field.tsx";
import { Loading } from "../ui/notices.tsx";
import { ApiProvider } from "./api-provider.tsx";
import { checkApiKey, openSession, type Session, type SessionOutcome } from "./session.ts";

/** Opens the session before anything calls the API; explains how to get access when it cannot. */
export function SessionGate() {
  const [outcome, setOutcome] = useState<SessionOutcome | "loading">("loading");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setOutcome("loading");
    void openSession().then((result) => {
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  if (outcome === "loading") {
    return (
      <Frame>
        <Loading what="your session" />
      </Frame>
    );
  }
  if (outcome.status === "ready") {
    return (
      <ApiProvider session={outcome.session}>
        <RouterProvider router={router} />
      </ApiProvider>
    );
  }
  if (outcome.status === "unreachable") {
    return <UnreachablePage reason={outcome.reason} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  return (
    <AccessPage reason={outcome.reason} onSession={(session) => setOutcome({ status: "ready", session })} />
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          tiktok-army
        </span>
      </header>
      <main id="main" className="page page-narrow">
        {children}
      </main>
    </>
  );
}

function UnreachablePage({ reason, onRetry }: { reason: string; onRetry: () => void }) {
  usePageTitle("Server unreachable");
  return (
    <Frame>
      <h1>Cannot reach the server</h1>
      <p>{reason} Is it running? Start it with:</p>
      <pre className="code-block">pnpm --filter @tiktok-army/server start</pre>
      <button type="button" className="button button-primary" onClick={onRetry}>
        Try again
      </button>
    </Frame>
  );
}

function AccessPage({ reason, onSession }: { reason: string; onSession: (session: Session) => void }) {
  usePageTitle("Access");
  const [key, setKey] = useState("");
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecking(true);
    const result = await checkApiKey(key);
    setChecking(false);
    if (result.ok) onSession(result.session);
    else setError(result.error);
  }

  return (
    <Frame>
      <h1>Access the dashboard</h1>
      <p>
        The server opens a session by itself only for a browser on its own machine. From here, use an API key
        of your workspace.
      </p>
      <p className="muted">The server said: {reason}</p>
      <h2>Get a key</h2>
      <p>On the server's machine, in the project folder, run:</p>
      <pre className="code-block">npm run -s tiktok-army -- keys create --workspace &lt;name&gt;</pre>
      <h2>Use it</h2>
      <form className="stack" onSubmit={submit}>
        <Field label="API key" error={error} hint="Kept in this browser tab only; sent as a Bearer header.">
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          )}
        </Field>
        <p className="muted">
          Live updates of a run need the local session (a cookie); with a key, run pages refresh every 2
          seconds instead.
        </p>
        <div>
          <button type="submit" className="button button-primary" disabled={checking}>
            {checking ? "Checking…" : "Use this key"}
          </button>
        </div>
      </form>
    </Frame>
  );
}
