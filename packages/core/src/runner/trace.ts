import type { LlmPort, LlmUsage } from "../llm/port.ts";

/** One entry of a step's trace, in the order it happened. */
export type TraceEntry =
  | {
      kind: "llm_call";
      at: string;
      /** Who asked (the step's agent, or SYNTHESIS_NODE), as the runner stamped it; absent from older traces. */
      agent?: string;
      /** The workflow of the run; absent from older traces. */
      workflowSlug?: string;
      /** The port's mode: in `mock` the usage and cost are estimates of fixture replies, nothing was spent. */
      mode: LlmPort["mode"];
      model: string;
      system: string;
      prompt: string;
      response: string;
      usage: LlmUsage;
      latencyMs: number;
      error?: string;
    }
  | {
      kind: "tool_call";
      at: string;
      tool: string;
      args?: unknown;
      result?: unknown;
      latencyMs: number;
      error?: string;
    }
  | ApiCallEntry
  | { kind: "log"; at: string; level: "info" | "warn"; message: string; data?: unknown };

/**
 * One HTTP attempt at a TikTok API, as a provider reports it; holds no token (params are redacted by
 * the client). Same fields as packages/tiktok's TikTokCallRecord.
 */
export interface ApiCallRecord {
  endpoint: string;
  method: "GET" | "POST";
  params: Record<string, unknown>;
  /** HTTP status, or 0 when no answer came. */
  status: number;
  latencyMs: number;
  itemsRead: number;
  /** The HTTP attempt within one call (throttling and timeouts are retried). */
  attempt: number;
  /** `ok`, or what ended this attempt. */
  outcome: string;
}

/**
 * An ApiCallRecord in a step's trace. The HTTP attempt is kept as `callAttempt`: a stored entry's
 * `attempt` is the step attempt that recorded it (StepTraceEntry), which would overwrite it.
 */
export type ApiCallEntry = { kind: "api_call"; at: string; callAttempt: number } & Omit<
  ApiCallRecord,
  "attempt"
>;

/** A trace entry as a step keeps it: stamped with the attempt that recorded it. */
export type StepTraceEntry = TraceEntry & { attempt: number };

type WithoutAt<T> = T extends unknown ? Omit<T, "at"> : never;

/** Collects a step's trace entries; agents use it for tool calls and logs, the runner for LLM calls. */
export class TraceRecorder {
  readonly entries: TraceEntry[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  record(entry: WithoutAt<TraceEntry>): void {
    this.entries.push({ ...entry, at: this.now().toISOString() } as TraceEntry);
  }

  /** Records one TikTok API attempt; providers call it for every request they make. */
  apiCall({ attempt, ...record }: ApiCallRecord): void {
    this.record({ kind: "api_call", ...record, callAttempt: attempt });
  }

  log(message: string, data?: unknown): void {
    this.record({ kind: "log", level: "info", message, data });
  }

  /** Runs a data/tool call and records its arguments, result size and latency. */
  async tool<T>(tool: string, args: unknown, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      this.record({
        kind: "tool_call",
        tool,
        args,
        result: summarize(result),
        latencyMs: performance.now() - started,
      });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.record({ kind: "tool_call", tool, args, latencyMs: performance.now() - started, error: message });
      throw error;
    }
  }
}

/** Long lists (hundreds of videos) would bloat every trace; keep their size and the first items. */
function summarize(result: unknown): unknown {
  if (Array.isArray(result) && result.length > 5) return { count: result.length, first: result.slice(0, 3) };
  return result;
}
