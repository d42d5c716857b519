import Anthropic, { APIError } from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type {
  JSONOutputFormat,
  Message,
  MessageCreateParamsNonStreaming,
} from "@anthropic-ai/sdk/resources/messages";
import type { z } from "zod";
import { LlmOutputError, LlmRequestError, LlmRequestRefusedError } from "./errors.ts";
import type { LlmPort, LlmResult, LlmTextRequest } from "./port.ts";
import { costUsd, modelPrice } from "./pricing.ts";
import { parseStructuredReply } from "./structured-reply.ts";

export interface AnthropicLlmOptions {
  apiKey: string;
  model: string;
  /** Defaults to https://api.anthropic.com; passed explicitly so the SDK never falls back to ANTHROPIC_BASE_URL. */
  baseURL?: string;
  /**
   * Retries of a 408, 409, 429, 5xx or dropped connection, done by the SDK: 0.5 s doubling up to 8 s with jitter,
   * or what the API's retry-after header says. Default 2. Other 4xx fail at once, as LlmRequestRefusedError, and
   * the step with them. The runner's attempts multiply these: see "Model API failures" in docs/engine.md.
   */
  maxRetries?: number;
  /** Per attempt; the SDK's default is 10 minutes. */
  timeoutMs?: number;
}

const DEFAULT_BASE_URL = "https://api.anthropic.com";
// max_tokens caps thinking plus reply on models that think by default (Sonnet/Opus 5.x), so leave room.
const DEFAULT_MAX_TOKENS = 16_000;
// Stop reasons after which the reply text is cut short, so a JSON reply would be incomplete.
const TRUNCATED = new Set(["max_tokens", "model_context_window_exceeded"]);

/**
 * The real LlmPort: Claude through the Messages API. Structured calls send the zod schema as
 * `output_config.format` (JSON outputs, constrained decoding) and still validate the reply with zod. The system
 * prompt is marked for prompt caching, since every call of an agent repeats it.
 * @example
 * const llm = createAnthropicLlm({ apiKey: env.ANTHROPIC_API_KEY, model: "claude-sonnet-5-5" });
 */
export function createAnthropicLlm(options: AnthropicLlmOptions): LlmPort {
  const { model } = options;
  modelPrice(model); // an unpriced model fails here, before anything is spent
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    maxRetries: options.maxRetries ?? 2,
    ...(options.timeoutMs !== undefined && { timeout: options.timeoutMs }),
  });

  const call = async (request: LlmTextRequest, format?: JSONOutputFormat) => {
    const maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
    const params: MessageCreateParamsNonStreaming = {
      model,
      max_tokens: maxTokens,
      // The API rejects empty text blocks, so an empty system prompt is left out rather than cached.
      ...(request.system
        ? { system: [{ type: "text", text: request.system, cache_control: { type: "ephemeral" } }] }
        : {}),
      messages: [{ role: "user", content: request.prompt }],
      ...(format && { output_config: { format } }),
    };
    const started = performance.now();
    let message: Message;
    try {
      message = await client.messages.create(params, { signal: request.signal });
    } catch (error) {
      throw toLlmError(error, request.signal);
    }
    const latencyMs = Math.round(performance.now() - started);
    const counts = {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
      cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
    };
    // Priced as the configured model: the reply names the snapshot that answered, which may be a dated id.
    const billed = { usage: { ...counts, costUsd: costUsd(model, counts) }, model: message.model || model };
    // Thinking blocks may come first; only text blocks are the reply.
    const raw = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
    // From here on the reply is billed: every error carries what it cost.
    if (message.stop_reason === "refusal")
      throw new LlmOutputError(`Claude refused to answer "${request.agent}"`, raw, billed);
    if (message.stop_reason && TRUNCATED.has(message.stop_reason))
      throw new LlmOutputError(
        `reply for agent "${request.agent}" was cut off (stop_reason ${message.stop_reason}, max_tokens ${maxTokens})`,
        raw,
        billed,
      );
    if (!raw) throw new LlmOutputError(`reply for agent "${request.agent}" has no text`, raw, billed);
    return { raw, ...billed, latencyMs };
  };

  return {
    mode: "real",
    model,
    async text(request) {
      const reply = await call(request);
      return { ...reply, value: reply.raw } satisfies LlmResult<string>;
    },
    async structured(request) {
      const reply = await call(request, jsonFormat(request.schema, request.agent));
      return { ...reply, value: parseStructuredReply(reply.raw, request.schema, request.agent, reply) };
    },
  };
}

const formats = new WeakMap<object, JSONOutputFormat>();

// zodOutputFormat runs z.toJSONSchema, then the SDK's transform to what JSON outputs accept (unsupported
// constraints move into descriptions; zod still enforces them on the reply). Cached: schemas are module constants.
function jsonFormat(schema: z.ZodType, agent: string): JSONOutputFormat {
  const cached = formats.get(schema);
  if (cached) return cached;
  let format: JSONOutputFormat;
  try {
    format = { type: "json_schema", schema: zodOutputFormat(schema).schema };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the output schema of agent "${agent}" cannot be sent as a JSON schema: ${reason}`, {
      cause: error,
    });
  }
  formats.set(schema, format);
  return format;
}

function toLlmError(error: unknown, signal: AbortSignal | undefined): unknown {
  // The caller cancelled: surface its reason, as the mock does, rather than a request failure.
  if (signal?.aborted) return signal.reason;
  if (!(error instanceof APIError)) return error;
  if (error.status === undefined)
    return new LlmRequestError(`could not reach the Anthropic API: ${error.message}`, undefined, {
      cause: error,
    });
  const message = `Anthropic API answered ${error.status}: ${error.apiMessage ?? error.message}`;
  if (isRetriableStatus(error.status)) return new LlmRequestError(message, error.status, { cause: error });
  return new LlmRequestRefusedError(message, error.status, { cause: error });
}

// What the SDK retries too; any other answer (400, 401, 403, 404, 413, 422...) would be the same next time.
function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
