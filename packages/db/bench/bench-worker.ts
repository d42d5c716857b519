// A worker process for the benchmark: the product's worker, with the bench's no-op agents.
import { createMockLlm } from "@tiktok-army/core";
import { startEngine } from "../src/engine.ts";
import { createLogger } from "../src/logger.ts";
import { BENCH_REGISTRY } from "./bench-agents.ts";

const engine = await startEngine({
  connectionString: process.env.DATABASE_URL as string,
  llm: createMockLlm(),
  registry: BENCH_REGISTRY,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 8),
});
// What spawnWorker waits for; the bench's steps are not logged.
createLogger().info("worker ready");
process.on("SIGTERM", async () => {
  await engine.stop();
  process.exit(0);
});
