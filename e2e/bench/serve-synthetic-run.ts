import type { BrowserContext, Route } from "@playwright/test";
import type { RunViewJson } from "./synthetic-run.ts";

// The stream's first message as the server sends it (tRPC's `connected` event), then nothing; the
// long `retry` keeps EventSource from reconnecting while the bench runs.
const IDLE_EVENT_STREAM = "retry: 600000\nevent: connected\ndata: {}\n\n";

/**
 * Makes the pages of `context` see `run` as a real run: `runs.get` answers it and `runs.events`
 * is an idle stream. Every other tRPC call goes to the server.
 *
 * httpBatchLink (tRPC 11) sends queries as `GET /trpc/a,b?batch=1&input={"0":inputA,"1":inputB}`
 * and reads back a JSON array with one `{ result: { data } }` (or `{ error }`) per procedure, in
 * order; so a batch that holds `runs.get` is answered here, its other procedures fetched one by one.
 */
export async function serveSyntheticRun(context: BrowserContext, run: RunViewJson): Promise<void> {
  await context.route("**/trpc/**", async (route) => {
    const url = new URL(route.request().url());
    const procedures = decodeURIComponent(url.pathname.slice("/trpc/".length)).split(",");
    if (procedures.includes("runs.events")) {
      return route.fulfill({ contentType: "text/event-stream", body: IDLE_EVENT_STREAM });
    }
    if (!procedures.includes("runs.get")) return route.continue();
    const inputs = JSON.parse(url.searchParams.get("input") ?? "{}") as Record<string, unknown>;
    const results = await Promise.all(
      procedures.map((procedure, i) =>
        procedure === "runs.get"
          ? { result: { data: run } }
          : fetchOne(route, `${url.origin}/trpc/${procedure}`, inputs[i]),
      ),
    );
    return route.fulfill({ json: results });
  });
}

/** One procedure of a batch, asked of the server as a batch of one. */
async function fetchOne(route: Route, procedureUrl: string, input: unknown): Promise<unknown> {
  const query = `batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
  const response = await route.fetch({ url: `${procedureUrl}?${query}` });
  const [item] = (await response.json()) as unknown[];
  return item;
}
