import {
  createMockLlm,
  type DataFor,
  type DataSource,
  type LlmPort,
  type RetryPolicy,
  type TikTokDataProvider,
} from "@tiktok-army/core";
import { createWorkspaceWithKey, type Engine, startEngine, unlimited } from "@tiktok-army/db";
import { createTestDatabase } from "@tiktok-army/db/testing";
import { RunEventHub } from "./event-hub.ts";
import { appRouter } from "./root.ts";
import { type ApiDeps, createCallerFactory, createTRPCContext } from "./trpc.ts";

/**
 * An API over a fresh database with in-process workers, and a caller per API key; for router tests
 * that need no HTTP. `caller(undefined)` calls without a key. Mock LLM, offline data and no rate
 * limits unless told otherwise.
 */
export async function startTestApi(
  options: {
    llm?: LlmPort;
    data?: TikTokDataProvider;
    dataFor?: DataFor;
    dataSource?: DataSource;
    retry?: RetryPolicy;
    rateLimits?: ApiDeps["rateLimits"];
    /** The TikTok app's connections, given the engine's database; none: no TikTok app configured. */
    connections?: (prisma: Engine["prisma"]) => ApiDeps["connections"];
  } = {},
) {
  const db = await createTestDatabase();
  const llm = options.llm ?? createMockLlm();
  const engine: Engine = await startEngine({
    connectionString: db.url,
    llm,
    data: options.data,
    dataFor: options.dataFor,
    dataSource: options.dataSource,
    retry: options.retry,
    concurrency: 2,
  });
  const events = new RunEventHub(db.url);
  await events.start();
  const deps: ApiDeps = {
    engine,
    events,
    mode: llm.mode,
    log: () => {},
    rateLimits: options.rateLimits ?? { calls: unlimited, runs: unlimited },
    connections: options.connections?.(engine.prisma),
  };
  const createCaller = createCallerFactory(appRouter);
  return {
    engine,
    deps,
    async workspace(name: string) {
      return createWorkspaceWithKey(engine.prisma, name);
    },
    async caller(apiKey: string | undefined) {
      return createCaller(
        await createTRPCContext({ deps, authorization: apiKey ? `Bearer ${apiKey}` : undefined }),
      );
    },
    async stop() {
      await events.stop();
      await engine.stop();
      await db.drop();
    },
  };
}
