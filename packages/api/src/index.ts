import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export { RunEventHub, type RunWatch } from "./event-hub.ts";
export { type Budget, type Caller, RateLimitedError } from "./rate-limit.ts";
export { type AppRouter, appRouter } from "./root.ts";
export {
  type ApiDeps,
  apiKeyFrom,
  type Context,
  createCallerFactory,
  createTRPCContext,
  credentialsFrom,
} from "./trpc.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
