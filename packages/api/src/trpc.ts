/**
 * 1. CONTEXT: who is calling (API key -> workspace) and what the procedures may use.
 * 2. INIT: tRPC with an error formatter that gives each refused input field its messages.
 * 3. PROCEDURES: public (health), protected (everything else, scoped to one workspace, within the
 *    caller's calls budget) and run-starting (also within its runs budget).
 */
import { describeError, RunTransitionError, WorkflowDefinitionError } from "@tiktok-army/core";
import { findInputProblem } from "@tiktok-army/core/model";
import {
  authenticateApiKey,
  ConnectionError,
  type Connections,
  DataError,
  type Engine,
  invalidField,
  type RateLimits,
  touchApiKey,
} from "@tiktok-army/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { RunEventHub } from "./event-hub.ts";
import { type Caller, RateLimitedError, spend } from "./rate-limit.ts";
import { connectionErrorToTRPC } from "./routers/connections-errors.ts";

// 1. CONTEXT

export interface ApiDeps {
  engine: Pick<Engine, "prisma" | "store" | "registry">;
  events: RunEventHub;
  mode: "mock" | "real";
  log: (entry: Record<string, unknown>) => void;
  /** Per key (per workspace for the dashboard's cookie): calls, and runs started, a minute. */
  rateLimits: Pick<RateLimits, "calls" | "runs">;
  /** The TikTok app's connections; undefined when no TikTok app is configured (runs read demo data). */
  connections?: Pick<Connections, "kinds" | "startConnect" | "disconnect">;
}

/**
 * The key a request carries and how: `Authorization: Bearer <key>` first, else the dashboard's
 * `tta_key` cookie. The server asks this too, to know which requests must prove their origin.
 */
export function credentialsFrom(request: {
  authorization?: string;
  cookie?: string;
}): { key: string; via: Caller["via"] } | undefined {
  const bearer = request.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return { key: bearer, via: "bearer" };
  const cookie = request.cookie
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith("tta_key="));
  if (!cookie) return undefined;
  try {
    return { key: decodeURIComponent(cookie.slice("tta_key=".length)), via: "cookie" };
  } catch {
    return undefined; // a malformed cookie is no key: UNAUTHORIZED, not a server error
  }
}

/** The key from `Authorization: Bearer <key>`, or the dashboard's same-origin `tta_key` cookie. */
export function apiKeyFrom(request: { authorization?: string; cookie?: string }): string | undefined {
  return credentialsFrom(request)?.key;
}

/**
 * Pure and testable: everything a procedure sees. `workspace`, `apiKey` (the calling key's id and
 * prefix) and `caller` (whose budgets a call spends) are undefined for a missing, unknown or revoked
 * key: the key is looked up on every request, nothing is cached, so a revoked key answers
 * UNAUTHORIZED at once. The key's last use is recorded (at most once a minute) without holding up
 * the request.
 */
export async function createTRPCContext(opts: { deps: ApiDeps; authorization?: string; cookie?: string }) {
  const credentials = credentialsFrom(opts);
  const { prisma } = opts.deps.engine;
  const key = credentials ? await authenticateApiKey(prisma, credentials.key) : undefined;
  if (!credentials || !key)
    return { deps: opts.deps, workspace: undefined, apiKey: undefined, caller: undefined };
  touchApiKey(prisma, key).catch((error: unknown) =>
    opts.deps.log({
      level: "error",
      msg: "could not record an API key's last use",
      keyId: key.id,
      error: String(error),
    }),
  );
  const caller: Caller = { via: credentials.via, keyId: key.id, workspaceId: key.workspace.id };
  return { deps: opts.deps, workspace: key.workspace, apiKey: { id: key.id, prefix: key.prefix }, caller };
}
export type Context = Awaited<ReturnType<typeof createTRPCContext>>;

// 2. INIT

const t = initTRPC.context<Context>().create({
  // Keeps idle run streams alive through proxies; clients reconnect (resuming) when pings stop.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors = fieldErrorsOf(cause);
    // Internal errors keep their details in the server's log, not in answers to clients.
    const message =
      cause instanceof ZodError
        ? describeError(cause)
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "Internal server error"
          : shape.message;
    const data = {
      ...shape.data,
      /** Each refused input field (a path such as `params.competitors.0`) with its messages; forms read it. */
      fieldErrors,
      /** The first refused field, for clients older than `fieldErrors`. */
      field: Object.keys(fieldErrors)[0],
      /** TOO_MANY_REQUESTS: when the caller's budget has room again. */
      retryAfterSeconds: cause instanceof RateLimitedError ? cause.retryAfterSeconds : undefined,
      stack: undefined,
    };
    return { ...shape, message, data };
  },
});

/**
 * The refused input fields of an error, built once here: every issue of an input zod refused (here
 * or, with the same schema, in the data layer), or the one field the data layer's refusal names.
 * Issues about the input as a whole (unknown keys) have no field; the message still says them.
 */
function fieldErrorsOf(cause: unknown): Record<string, string[]> {
  const zod = cause instanceof DataError ? cause.cause : cause;
  if (zod instanceof ZodError) {
    const errors: Record<string, string[]> = {};
    for (const issue of zod.issues) {
      const field = issue.path.join(".");
      if (field) errors[field] = [...(errors[field] ?? []), issue.message];
    }
    return errors;
  }
  if (cause instanceof DataError && cause.field) return { [cause.field]: [cause.reason] };
  return {};
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. PROCEDURES

/** The domain's refusals as API errors, in one place; anything else is left as it is. */
export function toTRPCError(cause: unknown): TRPCError | undefined {
  if (cause instanceof DataError) {
    const code = ({ not_found: "NOT_FOUND", conflict: "CONFLICT", invalid_input: "BAD_REQUEST" } as const)[
      cause.code
    ];
    return new TRPCError({ code, message: cause.message, cause });
  }
  if (cause instanceof RunTransitionError)
    return new TRPCError({ code: "CONFLICT", message: cause.message, cause });
  if (cause instanceof WorkflowDefinitionError)
    return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  if (cause instanceof ConnectionError) return connectionErrorToTRPC(cause);
  if (cause instanceof RateLimitedError)
    return new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
  return undefined;
}

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  throw toTRPCError(result.error.cause) ?? result.error;
});

/**
 * Every procedure's raw input meets one rule before its schema reads it (findInputProblem): no NUL or
 * unpaired surrogate in any string, which PostgreSQL would refuse with a 500, and bounded nesting,
 * which recursive readers would overflow on. The refusal names the field, free JSON's paths included.
 */
const inputRule = t.middleware(async ({ getRawInput, next }) => {
  const problem = findInputProblem(await getRawInput());
  if (problem) throw invalidField(problem.path.join(".") || "input", problem.message);
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(inputRule);

/** Scoped to the caller's workspace; each call spends one of the caller's calls a minute. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.workspace || !ctx.apiKey || !ctx.caller)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "A valid API key is required" });
  await spend(ctx.deps.rateLimits.calls, "calls", ctx.caller);
  return next({ ctx: { ...ctx, workspace: ctx.workspace, apiKey: ctx.apiKey, caller: ctx.caller } });
});

/** A protected procedure that starts a run: it also spends one of the caller's runs a minute. */
export const runStartingProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  await spend(ctx.deps.rateLimits.runs, "runs", ctx.caller);
  return next();
});
