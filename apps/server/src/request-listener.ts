import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Log } from "./log.ts";
import { isCrossOrigin, keyCookie, whyNotLocal } from "./session.ts";

export interface Routes {
  /** The tRPC handler, mounted at `/trpc/`. */
  trpc: RequestListener;
  /** Everything no other route takes: the dashboard. */
  staticFiles: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** False once shutting down, or when the database does not answer. */
  isReady: () => Promise<boolean>;
  /** What `/api/session` hands to a dashboard on this machine. */
  localSession: { apiKey: string; workspace: string; mode: "mock" | "real" };
  maxBodyBytes: number;
  log: Log;
}

/**
 * The server's routes: `/trpc/*`, `/healthz`, `/readyz`, `/api/session`, then the dashboard. Logs
 * one line per request (method, path without its query string, status, duration), nothing else of it.
 */
export function createRequestListener(routes: Routes): RequestListener {
  return (req, res) => {
    const started = performance.now();
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?", 1)[0] ?? "/";
    res.once("close", () => {
      const ms = Math.round(performance.now() - started);
      // SSE streams end here too: their duration is how long the client stayed subscribed.
      const aborted = res.writableFinished ? undefined : true;
      routes.log({ msg: "request", method, path, status: res.statusCode, ms, aborted });
    });
    route(routes, req, res, method, path).catch((error: unknown) => {
      routes.log({ level: "error", msg: "request failed", method, path, error: errorMessage(error) });
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: "internal server error" });
    });
  };
}

async function route(
  routes: Routes,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
) {
  if (path.startsWith("/trpc/")) {
    // The dashboard's key travels in a cookie that other localhost ports' pages could make the
    // browser send (same site); only same-origin pages and non-browser clients may call the API.
    if (isCrossOrigin(req)) return sendJson(res, 403, { error: "cross-origin requests are not allowed" });
    // tRPC counts the bytes as they arrive (maxBodySize) and answers 413 past the cap, then reads
    // the rest of the body to drop it. A body announced too large: close the connection after the
    // 413 instead of reading it all.
    if (Number(req.headers["content-length"] ?? 0) > routes.maxBodyBytes)
      res.setHeader("connection", "close");
    routes.trpc(req, res);
    return;
  }
  if (path === "/healthz") return sendJson(res, 200, { ok: true });
  if (path === "/readyz") {
    const ready = await routes.isReady();
    return sendJson(res, ready ? 200 : 503, { ok: ready });
  }
  if (path === "/api/session") {
    if (method !== "GET") return sendJson(res, 405, { error: "use GET" }, { allow: "GET" });
    const refusal = whyNotLocal(req);
    if (refusal)
      return sendJson(res, 403, { error: `the local session is for this machine only (${refusal})` });
    const { apiKey, workspace, mode } = routes.localSession;
    return sendJson(res, 200, { workspace, mode }, { "set-cookie": keyCookie(apiKey) });
  }
  if (path.startsWith("/api/")) return sendJson(res, 404, { error: "not found" });
  await routes.staticFiles(req, res);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
