import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the stub received; `body` is the parsed JSON (the Messages API only takes JSON). */
export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** Answers the `index`-th request (0-based), so a test can script "429, then 200". */
export type StubHandler = (request: StubRequest, index: number) => StubReply | Promise<StubReply>;

export interface AnthropicStub {
  /** Pass as `baseURL`; the SDK appends `/v1/messages`. */
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/**
 * A local HTTP server speaking just enough of the Messages API for adapter tests: no network, random port.
 * @example
 * const stub = await startAnthropicStub(() => messageReply('{"ok":true}'));
 * const llm = createAnthropicLlm({ apiKey: "test", model: "claude-sonnet-5-5", baseURL: stub.url });
 */
export async function startAnthropicStub(handler: StubHandler): Promise<AnthropicStub> {
  const requests: StubRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const request: StubRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      body: parseBody(text),
    };
    requests.push(request);
    try {
      const reply = await handler(request, requests.length - 1);
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ type: "error", error: { type: "api_error", message: `stub handler: ${error}` } }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        // fetch keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// A body that isn't JSON is kept as text, so a test can still assert on what was sent.
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface MessageReplyOptions {
  model?: string;
  stopReason?: string;
  usage?: Partial<{
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  }>;
  /** Blocks placed before the text, e.g. a `thinking` block. */
  leadingBlocks?: unknown[];
}

/** A 200 Messages API response whose reply is `text`. */
export function messageReply(text: string, options: MessageReplyOptions = {}): StubReply {
  return {
    body: {
      id: "msg_stub",
      type: "message",
      role: "assistant",
      model: options.model ?? "claude-sonnet-5-5",
      content: [...(options.leadingBlocks ?? []), { type: "text", text }],
      stop_reason: options.stopReason ?? "end_turn",
      stop_sequence: null,
      usage: {
        input_tokens: 100,
        output_tokens: 50,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        ...options.usage,
      },
    },
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/**
 * An API error in the Messages API's envelope. It asks for a 1 ms retry delay (`retry-after-ms`, which the SDK
 * honours) so retry tests don't wait out the SDK's 0.5 s+ backoff.
 */
export function errorReply(
  status: number,
  message: string,
  options: { retryAfterMs?: number } = {},
): StubReply {
  return {
    status,
    headers: { "retry-after-ms": String(options.retryAfterMs ?? 1) },
    body: { type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } },
  };
}
