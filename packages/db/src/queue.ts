import PgBoss from "pg-boss";
import { STEP_JOBS_CHANNEL } from "./channels.ts";
import type { Tx } from "./client.ts";
import type { Log } from "./logger.ts";
import type { StepEnqueuer } from "./run-store.ts";

/** The pg-boss queue every step job goes through. */
export const STEP_QUEUE = "workflow-step";
/** Where a step's job lands after pg-boss gives up on it (its worker kept dying). */
export const STEP_DEAD_LETTER_QUEUE = "workflow-step-dead";
/** pg-boss keeps its tables here, outside schema.prisma and the drift test. */
export const QUEUE_SCHEMA = "pgboss";

export interface StepJob {
  runId: string;
  stepKey: string;
}

export interface QueueOptions {
  /**
   * How long a step's attempt may run before pg-boss presumes its worker dead and hands the job
   * to another worker; bounds recovery from a killed worker (plus `maintenanceIntervalSeconds`).
   */
  expireInSeconds?: number;
  /** How often expired jobs are looked for. */
  maintenanceIntervalSeconds?: number;
  /** Times a job is handed out again after its worker died; agent failures are retried by the engine. */
  crashRetryLimit?: number;
}

/** Starts pg-boss (creating its schema on first use) and the step queues; its errors go to `log`. */
export async function startQueue(
  connectionString: string,
  options: QueueOptions = {},
  log: Log = () => {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: QUEUE_SCHEMA,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 5,
    max: 4,
  });
  boss.on("error", (error) => log({ level: "error", msg: "queue error", error: error.message }));
  await boss.start();
  await boss.createQueue(STEP_DEAD_LETTER_QUEUE);
  const settings = {
    name: STEP_QUEUE,
    expireInSeconds: options.expireInSeconds ?? 300,
    retryLimit: options.crashRetryLimit ?? 5,
    retryDelay: 0,
    deadLetter: STEP_DEAD_LETTER_QUEUE,
  };
  await boss.createQueue(STEP_QUEUE, settings);
  // createQueue keeps an existing queue's settings; apply the configured ones.
  await boss.updateQueue(STEP_QUEUE, settings);
  return boss;
}

/**
 * Enqueues step jobs through the caller's Prisma transaction, so a job exists exactly when the
 * transaction that made its step ready commits; the NOTIFY (delivered at commit) wakes workers
 * instead of waiting for their next poll.
 */
export function stepEnqueuer(boss: PgBoss): StepEnqueuer {
  return {
    async enqueue(tx: Tx, job) {
      const db = {
        executeSql: async (text: string, values: unknown[] = []) => ({
          rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map(toSqlParam)),
        }),
      };
      await boss.send(STEP_QUEUE, { runId: job.runId, stepKey: job.stepKey } satisfies StepJob, {
        db,
        startAfter: job.startAfter,
      });
      // One notification per job (identical ones would be merged at commit): each wakes one idle worker.
      await tx.$executeRaw`SELECT pg_notify(${STEP_JOBS_CHANNEL}, ${`${job.runId}:${job.stepKey}`})`;
    },
  };
}

// node-postgres turns objects into JSON itself; through Prisma's raw queries they must be text.
function toSqlParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}
