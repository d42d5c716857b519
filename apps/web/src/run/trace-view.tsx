import type { TraceEntry } from "../api/trpc.ts";
import { formatCost, formatDateTime, formatDuration, formatTokens } from "../format.ts";
import { JsonBlock } from "../ui/json-block.tsx";

type LlmCall = Extract<TraceEntry, { kind: "llm_call" }>;
type ToolCall = Extract<TraceEntry, { kind: "tool_call" }>;
type ApiCall = Extract<TraceEntry, { kind: "api_call" }>;
type LogEntry = Extract<TraceEntry, { kind: "log" }>;

/** "GET /v2/video/list/ · 200 · 20 items · 143 ms · attempt 1": one TikTok API attempt on one line. */
export function apiCallLine(call: ApiCall): string {
  const status = call.status === 0 ? "no answer" : String(call.status);
  const items = `${call.itemsRead} item${call.itemsRead === 1 ? "" : "s"}`;
  const parts = [`${call.method} ${call.endpoint}`, status, items, formatDuration(call.latencyMs)];
  parts.push(`attempt ${call.callAttempt}`);
  if (call.outcome !== "ok") parts.push(call.outcome);
  return parts.join(" · ");
}

/** One attempt's share of a step's trace. */
export interface AttemptTrace {
  attempt: number;
  entries: TraceEntry[];
}

/** The trace split by attempt, oldest first; each attempt's entries keep their order. */
export function traceByAttempt(trace: readonly TraceEntry[]): AttemptTrace[] {
  const byAttempt = new Map<number, TraceEntry[]>();
  for (const entry of trace) byAttempt.set(entry.attempt, [...(byAttempt.get(entry.attempt) ?? []), entry]);
  return [...byAttempt].sort(([a], [b]) => a - b).map(([attempt, entries]) => ({ attempt, entries }));
}

/**
 * A step's trace, one section per attempt: a failed attempt's model calls were billed too, so none is hidden.
 * Model text is shown as text, never HTML.
 */
export function TraceView({ trace }: { trace: readonly TraceEntry[] }) {
  const attempts = traceByAttempt(trace);
  if (attempts.length === 0)
    return (
      <>
        <h3>Trace</h3>
        <p className="muted">Nothing recorded yet.</p>
      </>
    );
  return attempts.map(({ attempt, entries }) => (
    <section key={attempt} className="trace-attempt" data-testid="trace-attempt" data-attempt={attempt}>
      <h3>Attempt {attempt}</h3>
      <AttemptView entries={entries} />
    </section>
  ));
}

function AttemptView({ entries }: { entries: readonly TraceEntry[] }) {
  const llmCalls = entries.filter((t): t is LlmCall => t.kind === "llm_call");
  const toolCalls = entries.filter((t): t is ToolCall => t.kind === "tool_call");
  const apiCalls = entries.filter((t): t is ApiCall => t.kind === "api_call");
  const logs = entries.filter((t): t is LogEntry => t.kind === "log");
  return (
    <>
      <h4>Model calls ({llmCalls.length})</h4>
      {llmCalls.length === 0 && <p className="muted">None.</p>}
      {llmCalls.map((call, i) => (
        <LlmCallView key={`${call.at}-${i}`} call={call} index={i + 1} />
      ))}

      <h4>Tool calls ({toolCalls.length})</h4>
      {toolCalls.length === 0 && <p className="muted">None.</p>}
      {toolCalls.map((call, i) => (
        <article key={`${call.at}-${i}`} className="trace-item">
          <h5>
            {call.tool} <span className="muted">· {formatDuration(call.latencyMs)}</span>
          </h5>
          {call.error && <p className="text-error">Error: {call.error}</p>}
          <details>
            <summary>Arguments</summary>
            <JsonBlock value={call.args} />
          </details>
          {call.result !== undefined && (
            <details>
              <summary>Result</summary>
              <JsonBlock value={call.result} />
            </details>
          )}
        </article>
      ))}

      {apiCalls.length > 0 && (
        <>
          <h4>TikTok API calls ({apiCalls.length})</h4>
          <ul className="log-list" data-testid="api-calls">
            {apiCalls.map((call, i) => (
              <li key={`${call.at}-${i}`} data-level={call.outcome === "ok" ? "info" : "warn"}>
                {apiCallLine(call)}
                <details>
                  <summary>Parameters</summary>
                  <JsonBlock value={call.params} />
                </details>
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>Logs ({logs.length})</h4>
      {logs.length === 0 && <p className="muted">None.</p>}
      {logs.length > 0 && (
        <ul className="log-list">
          {logs.map((log, i) => (
            <li key={`${log.at}-${i}`} data-level={log.level}>
              <span className="muted">{formatDateTime(log.at)}</span> <strong>{log.level}</strong>{" "}
              {log.message}
              {log.data !== undefined && (
                <details>
                  <summary>Data</summary>
                  <JsonBlock value={log.data} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function LlmCallView({ call, index }: { call: LlmCall; index: number }) {
  const { usage } = call;
  return (
    <article className="trace-item" data-testid="llm-call">
      <h5>
        Call {index} <span className="muted">· {call.model}</span>
      </h5>
      <dl className="stats stats-compact">
        <div>
          <dt>Tokens in</dt>
          <dd>{formatTokens(usage.inputTokens)}</dd>
        </div>
        <div>
          <dt>Tokens out</dt>
          <dd>{formatTokens(usage.outputTokens)}</dd>
        </div>
        <div>
          <dt>Cache read / write</dt>
          <dd>
            {formatTokens(usage.cacheReadTokens)} / {formatTokens(usage.cacheWriteTokens)}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatCost(usage.costUsd, { estimate: call.mode === "mock" })}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{formatDuration(call.latencyMs)}</dd>
        </div>
      </dl>
      {call.error && <p className="text-error">Error: {call.error}</p>}
      <details>
        <summary>System prompt</summary>
        <pre className="code-block">{call.system}</pre>
      </details>
      <details>
        <summary>Prompt</summary>
        <pre className="code-block">{call.prompt}</pre>
      </details>
      <details>
        <summary>Response</summary>
        <pre className="code-block">{call.response}</pre>
      </details>
    </article>
  );
}
