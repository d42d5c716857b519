// A worker process: executes step jobs from the shared queue until SIGTERM/SIGINT. Start as many
// as you like, on any machines, with the same DATABASE_URL.
import { DATA_SOURCE, llmConfigFromEnv } from "@tiktok-army/core";
import { createTikTokOAuth } from "@tiktok-army/tiktok";
import { engineEnv, engineOptionsFor } from "../config.ts";
import { tiktokProfileReader } from "../connections/connection-profile.ts";
import { type Connections, createConnections } from "../connections/connections.ts";
import { tiktokPorts } from "../connections/tiktok-ports.ts";
import { tiktokConfigured, tiktokSettingsFromEnv } from "../connections/tiktok-settings.ts";
import { openTokenBudgets, type TokenBudgets } from "../connections/token-budget.ts";
import { startEngine } from "../engine.ts";
import { createLogger, logPort, secretValues } from "../logger.ts";

const env = engineEnv(process.env);
const tiktok = tiktokSettingsFromEnv(process.env);
const logger = createLogger({
  level: env.LOG_LEVEL,
  secrets: [
    ...secretValues({ apiKey: process.env.ANTHROPIC_API_KEY, databaseUrl: env.DATABASE_URL }),
    ...tiktok.secrets,
  ],
});
if (!env.DATABASE_URL) {
  logger.fatal("DATABASE_URL is required for a worker process");
  process.exit(2);
}
if (tiktok.sandbox) {
  // The sandbox's TikTok and its throwaway token key live inside the server's process.
  logger.fatal("TIKTOK_SANDBOX=1 runs inside the server process only; start workers with a TikTok app");
  process.exit(2);
}
const log = logPort(logger);
const fromEnv = engineOptionsFor(env, llmConfigFromEnv(process.env));
let connections: Connections | undefined;
let budgets: TokenBudgets | undefined;
const engine = await startEngine({
  connectionString: env.DATABASE_URL,
  log,
  ...fromEnv,
  secrets: [...fromEnv.secrets, ...tiktok.secrets],
  ...(tiktokConfigured(tiktok) && {
    dataSource: DATA_SOURCE.tiktok,
    ...tiktokPorts(() =>
      connections && tiktok.app ? { connections, urls: tiktok.app.urls, budget: budgets } : undefined,
    ),
  }),
});
if (tiktok.app && tiktok.keyring) {
  connections = createConnections({
    prisma: engine.prisma,
    keyring: tiktok.keyring,
    oauth: createTikTokOAuth(tiktok.app),
    readProfile: tiktokProfileReader(tiktok.app.urls),
    log,
  });
  budgets = await openTokenBudgets(env.DATABASE_URL, { perMinute: tiktok.tokenRequestsPerMinute }, log);
}
logger.info({ concurrency: env.WORKER_CONCURRENCY }, "worker ready");

// pg-boss 10 does not await its own job completion calls: a database blip must not kill the worker.
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing running steps");
    await engine.stop();
    await budgets?.close();
    process.exit(0);
  });
}
