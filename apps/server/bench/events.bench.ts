// Live event latency: from a step status change being committed (the event's timestamp, taken as
// the committing transaction starts) to its arrival at each of 100 subscribed clients over SSE.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@tiktok-army/client";
import type { RunEvent } from "@tiktok-army/core";
import { createLogger } from "@tiktok-army/db/logger";
import { serverConfigFromEnv } from "../src/config.ts";
import { startServer } from "../src/server.ts";

const SUBSCRIBERS = 100;
const RUNS = 3;

const dataDir = await mkdtemp(path.join(tmpdir(), "tta-events-bench-"));
const config = serverConfigFromEnv({
  DATABASE_URL: process.env.DATABASE_URL,
  DATA_DIR: dataDir,
  PORT: "0",
  WORKER_CONCURRENCY: "4",
  MOCK_LLM_LATENCY_MS: "50",
});
const server = await startServer(
  { ...config, webDist: path.join(dataDir, "none") },
  {
    logger: createLogger({ level: "silent" }),
  },
);
const latencies: number[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const client = createClient({ url: server.url, apiKey: server.localApiKey });
    const { runId } = await client.workflows.run.mutate({
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    await Promise.all(
      Array.from({ length: SUBSCRIBERS }, () => {
        const subscriber = createClient({ url: server.url, apiKey: server.localApiKey });
        return new Promise<void>((resolve, reject) => {
          let connectedAt = Number.POSITIVE_INFINITY;
          const sub = subscriber.runs.events.subscribe(
            { runId },
            {
              onStarted: () => {
                connectedAt = Date.now();
              },
              onData: ({ data }) => {
                const event = data as RunEvent;
                const committedAt = Date.parse(event.at);
                // Events committed before this client was connected are replayed backlog, not live.
                if (event.type.startsWith("step_") && committedAt >= connectedAt)
                  latencies.push(Date.now() - committedAt);
                if (event.type === "run_succeeded") {
                  sub.unsubscribe();
                  resolve();
                }
              },
              onError: reject,
            },
          );
        });
      }),
    );
  }
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
console.log(
  `live run events, ${SUBSCRIBERS} concurrent subscribers x ${RUNS} runs (${latencies.length} deliveries)`,
);
console.log(
  `  commit -> client latency: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${latencies.at(-1)} ms`,
);
