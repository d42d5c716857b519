import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { type ApiDeps, appRouter, createTRPCContext, credentialsFrom, RunEventHub } from "@tiktok-army/api";
import { DATA_SOURCE } from "@tiktok-army/core";
import {
  authenticateApiKey,
  type Engine,
  engineOptionsFor,
  openDatabase,
  openRateLimits,
  startEngine,
  tiktokConfigured,
  tiktokPorts,
} from "@tiktok-army/db";
import { createLogger, type Logger, logPort } from "@tiktok-army/db/logger";
import type { TikTokStub } from "@tiktok-army/tiktok/testing";
import { createApp } from "./app.ts";
import type { ServerConfig } from "./config.ts";
import { ensureLocalKey } from "./local-key.ts";
import { type RunningTikTok, startTikTok } from "./tiktok.ts";

/** How long shutdown waits for requests in progress (SSE streams excepted) before cutting them. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3001` */
  url: string;
  /** The default set-up's key (workspace `config.localWorkspace`), also in `dataDir/local-api-key`. */
  localApiKey: string;
  /** The local TikTok stub of `TIKTOK_SANDBOX=1`, for tests that play the user on its pages. */
  tiktokSandbox: TikTokStub | undefined;
  /** Graceful shutdown (see startServer); safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts the product in this process: the database (embedded PostgreSQL without
 * `config.databaseUrl`, migrated), the engine and its workers, the run event hub, the local
 * workspace and its key, and the HTTP server (API, health, dashboard).
 *
 * `stop()` marks the server not ready, waits `shutdownGraceMs`, stops accepting connections,
 * closes SSE streams, lets requests in progress finish, stops the workers (running steps finish
 * or go back to the queue), the hub and the database.
 *
 * @example
 * const server = await startServer({ ...serverConfigFromEnv(process.env), port: 0 });
 * await fetch(`${server.url}/healthz`);
 * await server.stop();
 */
export async function startServer(
  config: ServerConfig,
  options: { logger?: Logger } = {},
): Promise<RunningServer> {
  // One list of secret values for the log lines and for what the run store keeps.
  const fromEnv = engineOptionsFor(config.engine, config.llm);
  const engineOptions = { ...fromEnv, secrets: [...fromEnv.secrets, ...config.tiktok.secrets] };
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: engineOptions.secrets });
  const log = logPort(logger);
  // Undone in reverse order when a later part fails to start, and on stop.
  const closers: Array<{ name: string; close: () => Promise<void> }> = [];
  const closeAll = async () => {
    for (const { name, close } of closers.reverse()) {
      await close().catch((error: unknown) => logger.error({ err: error }, `failed to stop the ${name}`));
    }
  };

  try {
    const database = await openDatabase({
      env: { DATABASE_URL: config.databaseUrl },
      dataDir: path.join(config.dataDir, "pg"),
      port: config.embeddedPgPort,
      log: (msg) => logger.info(msg),
    });
    closers.push({ name: "database", close: () => database.close() });

    // Set once the server knows its own URL (the sandbox's redirect goes there); until then, and
    // without a TikTok app, there are no connections to make.
    let tiktok: RunningTikTok | undefined;
    const engine = await startEngine({
      connectionString: database.url,
      log,
      ...engineOptions,
      ...(tiktokConfigured(config.tiktok) && {
        dataSource: DATA_SOURCE.tiktok,
        ...tiktokPorts(() =>
          tiktok?.connections && tiktok.urls
            ? { connections: tiktok.connections, urls: tiktok.urls, budget: tiktok.budgets }
            : undefined,
        ),
      }),
    });
    closers.push({ name: "engine", close: () => stopEngine(engine, logger) });

    const events = new RunEventHub(database.url, log);
    await events.start();
    closers.push({ name: "event hub", close: () => events.stop() });

    const local = await ensureLocalKey(engine.prisma, {
      workspace: config.localWorkspace,
      file: path.join(config.dataDir, "local-api-key"),
    });
    logger.info({ workspace: local.workspace.name, newKey: local.created }, "local workspace ready");

    const rateLimits = await openRateLimits(database.url, config.rateLimitsPerMinute, log);
    closers.push({ name: "rate limits", close: () => rateLimits.close() });

    const deps: ApiDeps = { engine, events, mode: config.llm.mode, log, rateLimits };
    let shuttingDown = false;
    const eventStreams = new WeakSet<ServerResponse>();
    const app = createApp({
      router: appRouter,
      createContext: (credentials) => createTRPCContext({ deps, ...credentials }),
      maxBodyBytes: config.maxBodyBytes,
      maxBatchSize: config.maxBatchSize,
      isReady: async () => !shuttingDown && (await databaseAnswers(engine)) && !shuttingDown,
      localSession: {
        apiKey: local.apiKey,
        workspace: local.workspace.name,
        mode: config.llm.mode,
        dataSource: engine.dataSource,
      },
      webDist: config.webDist,
      oauthCallback: {
        connections: () => tiktok?.connections,
        sessionKeyId: async (credentials) => {
          const key = credentialsFrom(credentials)?.key;
          return key ? (await authenticateApiKey(engine.prisma, key))?.id : undefined;
        },
      },
      logger,
      onEventStream: (res) => eventStreams.add(res),
    });
    // The default `createServer` of node:http: a plain http.Server.
    const http = createAdaptorServer({ fetch: app.fetch }) as Server;
    const open = trackResponses(http);
    const url = await listen(http, config);
    closers.push({ name: "http server", close: () => new Promise((resolve) => http.close(() => resolve())) });
    tiktok = await startTikTok(config.tiktok, {
      prisma: engine.prisma,
      databaseUrl: database.url,
      serverUrl: url,
      logger,
    });
    closers.push({ name: "TikTok connections", close: () => tiktok?.close() ?? Promise.resolve() });
    deps.connections = tiktok.connections;
    logger.info(
      {
        url,
        workspace: local.workspace.name,
        mode: config.llm.mode,
        database: database.embedded ? "embedded" : "external",
      },
      "listening",
    );

    let stopped: Promise<void> | undefined;
    const stop = async () => {
      shuttingDown = true;
      logger.info("shutting down");
      if (config.shutdownGraceMs > 0) await sleep(config.shutdownGraceMs);
      await closeHttp(http, open, eventStreams);
      logger.info("http server closed");
      await closeAll();
      logger.info("stopped");
    };
    return {
      url,
      localApiKey: local.apiKey,
      tiktokSandbox: tiktok.sandbox,
      stop: () => {
        stopped ??= stop();
        return stopped;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function stopEngine(engine: Engine, logger: Logger): Promise<void> {
  logger.info("stopping workers: running steps finish or go back to the queue");
  await engine.stop();
}

async function databaseAnswers(engine: Engine): Promise<boolean> {
  try {
    await withTimeout(engine.prisma.$queryRaw`SELECT 1`, 2000);
    return true;
  } catch {
    return false;
  }
}

/** The responses in progress, so shutdown can end SSE streams and wait for the others. */
function trackResponses(http: Server): Set<ServerResponse> {
  const open = new Set<ServerResponse>();
  http.on("request", (_req, res: ServerResponse) => {
    open.add(res);
    res.once("close", () => open.delete(res));
  });
  return open;
}

async function listen(http: Server, config: ServerConfig): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${config.port} on ${config.host} is in use: stop what holds it, or set PORT`)
          : error,
      );
    http.once("error", onError);
    http.listen(config.port, config.host, () => {
      http.off("error", onError);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const host = ["0.0.0.0", "::"].includes(config.host) ? "127.0.0.1" : config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * Stops accepting connections, ends SSE streams (clients reconnect elsewhere; their generators see
 * the abort), waits for other requests to finish, then closes every connection.
 */
async function closeHttp(
  http: Server,
  open: Set<ServerResponse>,
  eventStreams: WeakSet<ServerResponse>,
): Promise<void> {
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (open.size > 0 && Date.now() < deadline) {
    // Keep-alive connections that finished their request since the last round.
    http.closeIdleConnections();
    // Checked on every round: a subscription's response starts only once its context resolved.
    for (const res of open) if (eventStreams.has(res)) res.destroy();
    await sleep(20);
  }
  http.closeAllConnections();
  await closed;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
