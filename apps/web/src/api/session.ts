import type { DataSource } from "@tiktok-army/core/model";

/** Who the dashboard talks to the API as. */
export type Session =
  /** A browser on the server's machine: the server set the `tta_key` cookie; live updates work. */
  | { kind: "local"; workspace: string; mode: "mock" | "real"; dataSource: DataSource }
  /** Anyone else, with a pasted API key sent as a Bearer header; runs are polled, not streamed. */
  | { kind: "key"; apiKey: string };

export type SessionOutcome =
  | { status: "ready"; session: Session }
  | { status: "refused"; reason: string }
  | { status: "unreachable"; reason: string };

const KEY_STORAGE = "tta-api-key";

/**
 * Asks the server for the local session (it answers only browsers on its own machine and sets the
 * key cookie), else falls back to a key pasted earlier in this tab.
 */
export async function openSession(): Promise<SessionOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/session", {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
  } catch {
    return { status: "unreachable", reason: "The server did not answer." };
  }
  if (response.ok) {
    const body = (await response.json()) as {
      workspace: string;
      mode: "mock" | "real";
      dataSource?: DataSource;
    };
    // A server from before data sources only ever read offline data.
    const dataSource = body.dataSource ?? "offline";
    return {
      status: "ready",
      session: { kind: "local", workspace: body.workspace, mode: body.mode, dataSource },
    };
  }
  if (response.status === 403) {
    const saved = storedKey();
    if (saved) return { status: "ready", session: { kind: "key", apiKey: saved } };
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return {
      status: "refused",
      reason: body.error ?? "The server gives a local session to this machine only.",
    };
  }
  return { status: "unreachable", reason: `The server answered ${response.status}.` };
}

/** Checks a pasted key against the API; remembers it for this tab when the API accepts it. */
export async function checkApiKey(
  apiKey: string,
): Promise<{ ok: true; session: Session } | { ok: false; error: string }> {
  const key = apiKey.trim();
  if (!key) return { ok: false, error: "Paste an API key." };
  const response = await fetch("/trpc/agents.list", {
    headers: { authorization: `Bearer ${key}` },
    credentials: "omit",
  }).catch(() => undefined);
  if (!response) return { ok: false, error: "The server did not answer." };
  if (response.status === 401) return { ok: false, error: "The API does not know this key." };
  if (!response.ok) return { ok: false, error: `The server answered ${response.status}.` };
  sessionStorage.setItem(KEY_STORAGE, key);
  return { ok: true, session: { kind: "key", apiKey: key } };
}

/** Forgets the pasted key (the cookie of a local session is the server's to manage). */
export function forgetApiKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

function storedKey(): string | undefined {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}
