import type { ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { credentialsFrom, RateLimitedError } from "@tiktok-army/api";
import type { DataSource } from "@tiktok-army/core/model";
import type { Logger } from "@tiktok-army/db/logger";
import { type AnyTRPCRouter, getTRPCErrorShape, type inferRouterContext, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type RequestIdVariables, requestId } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { callsIn } from "./batch.ts";
import { dashboard } from "./dashboard.ts";
import { type OAuthCallbackOptions, oauthCallback } from "./oauth-callback.ts";
import { securityHeaders } from "./security-headers.ts";
import { keyCookie, whyCrossOrigin, whyNotLocal } from "./session.ts";

export type AppEnv = { Bindings: HttpBindings; Variables: RequestIdVariables & { log: Logger } };

export interface AppOptions<TRouter extends AnyTRPCRouter> {
  /** Mounted at `/trpc`. */
  router: TRouter;
  /** A request's tRPC context, from the credentials it carries. */
  createContext: (credentials: {
    authorization?: string;
    cookie?: string;
  }) => Promise<inferRouterContext<TRouter>>;
  /** Larger request bodies get 413 (tRPC's PAYLOAD_TOO_LARGE). */
  maxBodyBytes: number;
  /** Larger batches get 400 (BAD_REQUEST, naming both sizes); undefined: no cap. */
  maxBatchSize?: number;
  /** False once shutting down, or when the database does not answer. */
  isReady: () => Promise<boolean>;
  /** What `/api/session` hands to a dashboard on this machine. */
  localSession: { apiKey: string; workspace: string; mode: "mock" | "real"; dataSource: DataSource };
  /** The built dashboard (see `dashboard`). */
  webDist: string;
  logger: Logger;
  /** Where TikTok sends users back after they authorize a connection. */
  oauthCallback?: OAuthCallbackOptions;
  /** Told of every SSE response as it starts, so that shutdown can end the streams. */
  onEventStream?: (res: ServerResponse) => void;
}

/**
 * The server's routes: `/trpc/*`, `/healthz`, `/readyz`, `/api/session`, TikTok's OAuth callback,
 * then the dashboard. Logs
 * one line per request (method, path without its query string, status, duration, request id),
 * nothing else of it.
 *
 * @example
 * const app = createApp({ router: appRouter, createContext, ...options });
 * const res = await app.request("/healthz");
 */
export function createApp<TRouter extends AnyTRPCRouter>(options: AppOptions<TRouter>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId(), logRequests(options), securityHeaders());
  app.onError((error, c) => {
    c.var.log.error({ err: error }, "request failed");
    return json(c, 500, { error: "internal server error" });
  });

  const trpc = async (c: Context<AppEnv>, req: Request) => {
    const res = await fetchRequestHandler({
      endpoint: "/trpc",
      req,
      router: options.router,
      createContext: () =>
        options.createContext({
          authorization: c.req.header("authorization"),
          cookie: c.req.header("cookie"),
        }),
      // The check below words the refusal; this is tRPC's own, should the two ever count apart.
      maxBatchSize: options.maxBatchSize,
      responseMeta: ({ errors }) => {
        const wait = Math.max(0, ...errors.map(retryAfterSeconds));
        return wait > 0 ? { headers: { "retry-after": String(wait) } } : {};
      },
      onError: ({ error, path, type }) => {
        if (error.code !== "INTERNAL_SERVER_ERROR") return;
        // The error the procedure threw, with its stack; tRPC's wrapper repeats its message.
        c.var.log.error({ err: error.cause ?? error, procedure: path, type }, "api error");
      },
    });
    // Through the context, so that the headers set before (request id, connection) are kept.
    return c.newResponse(res.body, res);
  };
  // The dashboard's key travels in a cookie that other localhost ports' pages could make the browser
  // send (same site): see `whyCrossOrigin` for what each request must show.
  app.use("/trpc/*", async (c, next) => {
    const via = credentialsFrom({
      authorization: c.req.header("authorization"),
      cookie: c.req.header("cookie"),
    })?.via;
    const refusal = whyCrossOrigin(c.req.raw.headers, new URL(c.req.url).origin, via);
    if (refusal) return json(c, 403, { error: `cross-origin requests are not allowed: ${refusal}` });
    await next();
  });
  // Before the body is read or any procedure resolved: a batch of a thousand calls costs nothing.
  app.use("/trpc/*", async (c, next) => {
    const calls = callsIn(new URL(c.req.url));
    const cap = options.maxBatchSize;
    if (cap !== undefined && calls > cap) {
      const message = `batch of ${calls} calls exceeds the cap of ${cap}`;
      return trpcRefusal(c, options.router, new TRPCError({ code: "BAD_REQUEST", message }));
    }
    await next();
  });
  // Hono counts the body (as announced, or as it streams in) and stops past the cap; tRPC words the
  // refusal (413, PAYLOAD_TOO_LARGE in its error shape), as it does every other error of the API.
  app.use(
    "/trpc/*",
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: (c) => {
        // The rest of the body is never read: close the connection instead of draining it.
        c.header("connection", "close");
        return trpc(c, withFailingBody(c.req.raw, new TRPCError({ code: "PAYLOAD_TOO_LARGE" })));
      },
    }),
  );
  app.all("/trpc/*", (c) => trpc(c, c.req.raw));

  app.get("/healthz", (c) => json(c, 200, { ok: true }));
  app.get("/readyz", async (c) => {
    const ready = await options.isReady();
    return json(c, ready ? 200 : 503, { ok: ready });
  });
  app.all("/api/session", (c) => {
    if (c.req.method !== "GET") return json(c, 405, { error: "use GET" }, { allow: "GET" });
    const refusal = whyNotLocal(getConnInfo(c).remote.address, c.req.raw.headers);
    if (refusal) return json(c, 403, { error: `the local session is for this machine only (${refusal})` });
    const { apiKey, workspace, mode, dataSource } = options.localSession;
    return json(c, 200, { workspace, mode, dataSource }, { "set-cookie": keyCookie(apiKey) });
  });
  app.all("/api/*", (c) => json(c, 404, { error: "not found" }));
  if (options.oauthCallback) app.get("/oauth/tiktok/callback/:kind", oauthCallback(options.oauthCallback));
  app.all("*", dashboard(options.webDist));
  return app;
}

/**
 * Gives each request a child logger (`c.var.log`: request id, method, path) and logs one line when
 * its response is over. On Node, that is when the socket-side response closes: an SSE stream's line
 * comes when it ends, with how long the client stayed subscribed. Having that response at hand, it
 * also tells `onEventStream` of each SSE stream.
 */
function logRequests(options: Pick<AppOptions<AnyTRPCRouter>, "logger" | "onEventStream">) {
  return async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const started = performance.now();
    const log = options.logger.child({ requestId: c.var.requestId, method: c.req.method, ...loggedPath(c) });
    c.set("log", log);
    await next();
    const outgoing = c.env?.outgoing;
    const done = (aborted?: true) =>
      log.info({ status: c.res.status, ms: Math.round(performance.now() - started), aborted }, "request");
    if (!outgoing) return done();
    if (c.res.headers.get("content-type")?.startsWith("text/event-stream")) options.onEventStream?.(outgoing);
    if (outgoing.closed) return done(true);
    outgoing.once("close", () => done(outgoing.writableFinished ? undefined : true));
  };
}

/** Paths longer than this (a batch's list of procedures) are cut short in the log. */
const LOGGED_PATH_MAX = 1024;

/** The path as logged: at most LOGGED_PATH_MAX characters, and for a batch, how many calls it makes. */
function loggedPath(c: Context<AppEnv>): { path: string; calls?: number } {
  const path = c.req.path.length > LOGGED_PATH_MAX ? `${c.req.path.slice(0, LOGGED_PATH_MAX)}…` : c.req.path;
  const url = new URL(c.req.url);
  if (!path.startsWith("/trpc/") || url.searchParams.get("batch") !== "1") return { path };
  return { path, calls: callsIn(url) };
}

/** The seconds a rate-limited call must wait, else 0. */
function retryAfterSeconds(error: TRPCError): number {
  return error.cause instanceof RateLimitedError ? error.cause.retryAfterSeconds : 0;
}

/**
 * A refusal answered before tRPC sees the request, in the shape tRPC gives every error of the API
 * (the router's error formatter included) and with its status.
 */
function trpcRefusal(c: Context, router: AnyTRPCRouter, error: TRPCError) {
  const shape = getTRPCErrorShape({
    config: router._def._config,
    error,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
  const status = getHTTPStatusCodeFromError(error) as ContentfulStatusCode;
  return c.json({ error: shape }, status, { "cache-control": "no-store" });
}

/** `req` with a body that fails with `error` when read: how tRPC learns that the body was too large. */
function withFailingBody(req: Request, error: Error): Request {
  const body = new ReadableStream({ start: (controller) => controller.error(error) });
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body,
    duplex: "half",
  } as RequestInit);
}

function json(c: Context, status: 200 | 403 | 404 | 405 | 500 | 503, body: unknown, headers = {}) {
  return c.json(body, status, { "cache-control": "no-store", ...headers });
}
