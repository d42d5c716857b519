import type {
  AdsPortFor,
  AgentRegistry,
  DataFor,
  DataSource,
  LlmPort,
  RetryPolicy,
  TikTokDataProvider,
} from "@tiktok-army/core";
import {
  AGENT_REGISTRY,
  createOfflineAds,
  createOfflineProvider,
  DEFAULT_RETRY,
  fixedData,
} from "@tiktok-army/core";
import type PgBoss from "pg-boss";
import { createPrismaClient, type PrismaClient } from "./client.ts";
import type { Log } from "./logger.ts";
import { type QueueOptions, startQueue, stepEnqueuer } from "./queue.ts";
import { PgRunStore } from "./run-store.ts";
import { expireApprovals } from "./runs.ts";
import { type RunningWorkers, startWorkers } from "./worker.ts";

export interface EngineOptions {
  connectionString: string;
  llm: LlmPort;
  /**
   * Picks each step's provider from its workspace (and records API calls in the step's trace); give
   * `dataSource` with it. Without it every step reads `data`, by default the offline provider.
   */
  dataFor?: DataFor;
  /** What every run this engine starts records as its source; by default `data`'s, or "offline". */
  dataSource?: DataSource;
  /** One provider for every step (tests, the demo); ignored when `dataFor` is given. */
  data?: TikTokDataProvider;
  /** Campaign actions per step (the workspace's advertiser connection). Default: offline, creates nothing. */
  adsFor?: AdsPortFor;
  registry?: AgentRegistry;
  retry?: RetryPolicy;
  queue?: QueueOptions;
  /** Steps this process executes at once; 0 starts no workers (an API-only process). */
  concurrency?: number;
  log?: Log;
  /**
   * Secret values (`secretValues`: the model API key, the database password, tokens) that the run
   * store replaces by "[redacted]" in everything it stores; `engineOptionsFor` gives the configured ones.
   */
  secrets?: readonly string[];
}

export interface Engine {
  prisma: PrismaClient;
  boss: PgBoss;
  store: PgRunStore;
  registry: AgentRegistry;
  /** What the engine's data provider reads; every run it starts records it. */
  dataSource: DataSource;
  /** Stops taking jobs, lets running steps finish, then closes connections. */
  stop(): Promise<void>;
}

/** Wires the Postgres run store, the job queue and (optionally) workers over one database. */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const prisma = createPrismaClient(options.connectionString);
  const boss = await startQueue(options.connectionString, options.queue, options.log).catch(async (error) => {
    await prisma.$disconnect();
    throw error;
  });
  const retry = options.retry ?? DEFAULT_RETRY;
  const registry = options.registry ?? AGENT_REGISTRY;
  // Without `dataFor`, one provider decides both what steps read and the source runs record.
  const data = options.data ?? createOfflineProvider();
  const dataSource = options.dataSource ?? data.source;
  const store = new PgRunStore(prisma, {
    queue: stepEnqueuer(boss),
    backoffMs: retry.backoffMs,
    registry,
    secrets: options.secrets,
    dataSource,
  });
  let workers: RunningWorkers | undefined;
  try {
    if ((options.concurrency ?? 4) > 0) {
      workers = await startWorkers({
        boss,
        store,
        connectionString: options.connectionString,
        concurrency: options.concurrency,
        retry,
        stepTimeoutMs: ((options.queue?.expireInSeconds ?? 300) - 1) * 1000,
        deps: {
          llm: options.llm,
          dataFor: options.dataFor ?? fixedData(data),
          adsFor: options.adsFor ?? createOfflineAds(),
          registry,
          now: () => new Date(),
        },
        log: options.log,
      });
    }
  } catch (error) {
    // A half-started engine must not keep the process alive with open pools.
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await prisma.$disconnect();
    throw error;
  }
  // Processes that execute steps also end runs whose approvals expired unanswered.
  const sweeper = workers
    ? setInterval(() => {
        expireApprovals(store).catch((error) =>
          options.log?.({ level: "error", msg: "approval expiry sweep failed", error: String(error) }),
        );
      }, 30_000).unref()
    : undefined;
  return {
    prisma,
    boss,
    store,
    registry,
    dataSource,
    async stop() {
      clearInterval(sweeper);
      await workers?.stop();
      // graceful: pg-boss waits for active jobs (up to its timeout) before closing.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await prisma.$disconnect();
    },
  };
}
