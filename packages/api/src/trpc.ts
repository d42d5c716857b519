/**
 * 1. CONTEXT: who is calling (API key -> workspace) and what the procedures may use.
 * 2. INIT: tRPC with an error formatter that gives each refused input field its messages.
 * 3. PROCEDURES: public (health) and protected (everything else, scoped to one workspace).
 */
import { describeError, RunTransitionError, WorkflowDefinitionError } from "@tiktok-army/core";
import { findInputProblem } from "@tiktok-army/core/model";
import { DataError, type Engine, invalidField, workspaceForKey } from "@tiktok-army/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { RunEventHub } from "./event-hub.ts";

// 1. CONTEXT

export interface ApiDeps {
  engine: Pick<Engine, "prisma" | "store" | "registry">;
  events: RunEventHub;
  mode: "mock" | "real";
  log: (entry: Record<string, unknown>) => void;
}

/** The key from `Authorization: Bearer <key>`, or the dashboard's same-origin `tta_key` cookie. */
export function apiKeyFrom(request: { authorization?: string; cookie?: string }): string | undefined {
  const bearer = request.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  const cookie = request.cookie
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith("tta_key="));
  if (!cookie) return undefined;
  try {
    return decodeURIComponent(cookie.slice("tta_key=".length));
  } catch {
    return undefined; // a malformed cookie is no key: UNAUTHORIZED, not a server error
  }
}

/** Pure and testable: everything a procedure sees. `workspace` is undefined for an unknown key. */
export async function createTRPCContext(opts: { deps: ApiDeps; authorization?: string; cookie?: string }) {
  const key = apiKeyFrom(opts);
  const workspace = key ? await workspaceForKey(opts.deps.engine.prisma, key) : undefined;
  return { deps: opts.deps, workspace };
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

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.workspace) throw new TRPCError({ code: "UNAUTHORIZED", message: "A valid API key is required" });
  return next({ ctx: { ...ctx, workspace: ctx.workspace } });
});
