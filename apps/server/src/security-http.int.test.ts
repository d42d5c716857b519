// The HTTP attacks of the security audit, replayed against the real server: oversized batches, a key
// flooding the API, framing the dashboard, and other pages riding the dashboard's cookie.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type CapturedLogs,
  captureLogs,
  createTestDatabase,
  type TestDatabase,
} from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverConfigFromEnv } from "./config.ts";
import { type RunningServer, startServer } from "./server.ts";
import { type RawResponse, rawRequest } from "./testing/raw-request.ts";

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let db: TestDatabase;
let folder: string;
let webDist: string;
type Started = RunningServer & { port: number };
let server: Started;
const logs = captureLogs();

/** A server on a free port over the test database, with `env` on top of the defaults. */
async function start(
  env: Record<string, string> = {},
  options: { webDist?: string; logs?: CapturedLogs } = {},
): Promise<Started> {
  const config = serverConfigFromEnv({
    DATABASE_URL: db.url,
    DATA_DIR: await mkdtemp(path.join(folder, "data-")),
    PORT: "0",
    WORKER_CONCURRENCY: "1",
    ...env,
  });
  const running = await startServer(
    { ...config, webDist: options.webDist ?? webDist },
    { logger: (options.logs ?? captureLogs()).logger },
  );
  return { ...running, port: Number(new URL(running.url).port) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  folder = await mkdtemp(path.join(tmpdir(), "tta-security-http-"));
  webDist = path.join(folder, "web-dist");
  await mkdir(path.join(webDist, "assets"), { recursive: true });
  await writeFile(
    path.join(webDist, "index.html"),
    '<!doctype html><title>dashboard</title><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  await writeFile(path.join(webDist, "assets", "app-1a2b.js"), "export {}");
  server = await start({}, { logs });
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  await rm(folder, { recursive: true, force: true });
});

type TrpcError = { error: { message: string; data: { code: string; retryAfterSeconds?: number } } };

/** A tRPC call over a raw socket, so that every header is sent exactly as a hostile client sends it. */
function call(
  port: number,
  pathname: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; input?: unknown } = {},
): Promise<RawResponse> {
  const method = init.method ?? "GET";
  const body = method === "POST" ? JSON.stringify(init.input ?? {}) : undefined;
  const headers = { ...(body ? { "content-type": "application/json" } : {}), ...init.headers };
  return rawRequest(port, `/trpc/${pathname}`, { method, headers, body });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const cookie = (key: string) => ({ cookie: `tta_key=${key}` });
const batchOf = (procedure: string, n: number) =>
  `${Array.from({ length: n }, () => procedure).join(",")}?batch=1&input=${encodeURIComponent("{}")}`;

async function runCount(): Promise<number> {
  const res = await call(server.port, `runs.list?input=${encodeURIComponent("{}")}`, {
    headers: bearer(server.localApiKey),
  });
  return (JSON.parse(res.body) as { result: { data: { items: unknown[] } } }).result.data.items.length;
}

describe("an oversized batch", () => {
  it("is refused before anything runs, with an error naming its size and the cap", async () => {
    const before = await runCount();
    const queries = await call(server.port, batchOf("runs.list", 1000), {
      headers: bearer(server.localApiKey),
    });
    expect(queries.status).toBe(400);
    const refusal = JSON.parse(queries.body) as TrpcError;
    expect(refusal.error.message).toBe("batch of 1000 calls exceeds the cap of 20");
    expect(refusal.error.data.code).toBe("BAD_REQUEST");

    const runs = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        i,
        { slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" },
      ]),
    );
    const mutations = await call(server.port, "workflows.run,".repeat(99).concat("workflows.run?batch=1"), {
      method: "POST",
      headers: bearer(server.localApiKey),
      input: runs,
    });
    expect(mutations.status).toBe(400);
    expect((JSON.parse(mutations.body) as TrpcError).error.message).toBe(
      "batch of 100 calls exceeds the cap of 20",
    );
    expect(await runCount()).toBe(before);

    const atTheCap = await call(server.port, batchOf("agents.list", 20), {
      headers: bearer(server.localApiKey),
    });
    expect(atTheCap.status).toBe(200);
    expect(JSON.parse(atTheCap.body)).toHaveLength(20);
  });

  it("leaves a log line of bounded size that counts its calls", async () => {
    await call(server.port, batchOf("runs.list", 1000), { headers: bearer(server.localApiKey) });
    const line = logs
      .text()
      .split("\n")
      .filter((l) => l.includes('"calls":1000'))
      .at(-1);
    expect(line).toBeDefined();
    expect(Buffer.byteLength(line ?? "")).toBeLessThan(1500);
    expect(JSON.parse(line ?? "{}")).toEqual(
      expect.objectContaining({ msg: "request", status: 400, calls: 1000 }),
    );
  });
});

describe("rate limits", () => {
  it("answer TOO_MANY_REQUESTS with retry-after, per key and per workspace for the cookie, across API processes", async () => {
    const env = {
      LOCAL_WORKSPACE: "rate-limited",
      RATE_LIMIT_CALLS_PER_MINUTE: "4",
      RATE_LIMIT_RUNS_PER_MINUTE: "1",
    };
    // Two API processes over one database: both hand out keys of the same local workspace. One after
    // the other: the first creates the workspace.
    const servers = [await start(env)];
    try {
      servers.push(await start(env));
      const [one, two] = servers as [Started, Started];
      const run = { slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" };
      const started = await call(one.port, "workflows.run", {
        method: "POST",
        headers: bearer(one.localApiKey),
        input: run,
      });
      expect(started.status).toBe(200);
      const second = await call(one.port, "workflows.run", {
        method: "POST",
        headers: bearer(one.localApiKey),
        input: run,
      });
      expect(second.status).toBe(429);
      const runRefusal = JSON.parse(second.body) as TrpcError;
      expect(runRefusal.error.data.code).toBe("TOO_MANY_REQUESTS");
      expect(runRefusal.error.message).toMatch(
        /^Too many runs started: the limit is 1 a minute; retry in \d+ s$/,
      );

      // Two calls spent; two more, then the key is out of calls, on either process.
      for (let i = 0; i < 2; i++)
        expect((await call(two.port, "agents.list", { headers: bearer(one.localApiKey) })).status).toBe(200);
      const refused = await call(two.port, "agents.list", { headers: bearer(one.localApiKey) });
      expect(refused.status).toBe(429);
      const seconds = Number(refused.headers["retry-after"]);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      const body = JSON.parse(refused.body) as TrpcError;
      expect(body.error.data.retryAfterSeconds).toBe(seconds);
      expect(body.error.message).toBe(`Too many calls: the limit is 4 a minute; retry in ${seconds} s`);

      // The other process's key has a budget of its own...
      expect((await call(two.port, "agents.list", { headers: bearer(two.localApiKey) })).status).toBe(200);
      // ...while the dashboard's cookie spends its workspace's, whichever process it reaches.
      const dashboard = (key: string) => ({ ...cookie(key), "sec-fetch-site": "same-origin" });
      for (let i = 0; i < 2; i++) {
        expect((await call(one.port, "agents.list", { headers: dashboard(one.localApiKey) })).status).toBe(
          200,
        );
        expect((await call(two.port, "agents.list", { headers: dashboard(two.localApiKey) })).status).toBe(
          200,
        );
      }
      const flooded = await call(two.port, "agents.list", { headers: dashboard(two.localApiKey) });
      expect(flooded.status).toBe(429);
      expect(flooded.headers["retry-after"]).toMatch(/^\d+$/);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});

describe("framing", () => {
  function expectFramingDefences(res: RawResponse, what: string) {
    expect(res.headers["content-security-policy"], what).toBe(CSP);
    expect(res.headers["x-frame-options"], what).toBe("DENY");
    expect(res.headers["x-content-type-options"], what).toBe("nosniff");
    expect(res.headers["referrer-policy"], what).toBe("no-referrer");
  }

  it("every HTML page forbids framing and anything but this origin's scripts and styles", async () => {
    for (const page of ["/", "/index.html", "/runs/x", "/approvals", "/workflows/profile_audit"]) {
      const res = await rawRequest(server.port, page, { headers: { accept: "text/html" } });
      expect(res.status, page).toBe(200);
      expect(res.headers["content-type"], page).toMatch(/^text\/html/);
      expectFramingDefences(res, page);
    }
    for (const other of ["/assets/app-1a2b.js", "/healthz", "/api/session", "/trpc/agents.list"])
      expectFramingDefences(await rawRequest(server.port, other), other);
  });

  it("so does the page shown when the dashboard is not built, which needs no inline style or script", async () => {
    const unbuilt = await start({}, { webDist: path.join(folder, "not-built") });
    try {
      const res = await rawRequest(unbuilt.port, "/");
      expect(res.body).toContain("not built");
      expectFramingDefences(res, "the not-built page");
      expect(res.body).not.toMatch(/<script|<style|style=/i);
    } finally {
      await unbuilt.stop();
    }
  });

  it("the local session is refused to frames and to other sites' and ports' pages", async () => {
    const session = (headers: Record<string, string>) => rawRequest(server.port, "/api/session", { headers });
    for (const dest of ["iframe", "frame", "embed", "object"]) {
      const framed = await session({ "sec-fetch-dest": dest, "sec-fetch-site": "same-origin" });
      expect(framed.status, dest).toBe(403);
      expect(framed.body).toContain("framed request");
      expect(framed.headers["set-cookie"]).toBeUndefined();
    }
    for (const site of ["cross-site", "same-site"]) {
      const foreign = await session({ "sec-fetch-dest": "empty", "sec-fetch-site": site });
      expect(foreign.status, site).toBe(403);
      expect(foreign.headers["set-cookie"]).toBeUndefined();
    }
    expect((await session({ "sec-fetch-dest": "empty", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await session({ "sec-fetch-dest": "document", "sec-fetch-site": "none" })).status).toBe(200);
  });
});

describe("the dashboard's cookie", () => {
  const brief = { handle: "lakucosmetics", targetType: "brand", outcome: "profile_audit" };
  const createBrief = (headers: Record<string, string>) =>
    call(server.port, "briefs.create", { method: "POST", headers, input: brief });
  async function briefCount(): Promise<number> {
    const res = await call(server.port, "briefs.list", { headers: bearer(server.localApiKey) });
    return (JSON.parse(res.body) as { result: { data: unknown[] } }).result.data.length;
  }

  it("does not let another page's request change anything, whatever it shows instead of same-origin", async () => {
    const before = await briefCount();
    const foreign = "http://127.0.0.1:8080";
    const attacks: [string, Record<string, string>][] = [
      ["another port's page", { "sec-fetch-site": "same-site", origin: foreign }],
      ["a foreign Origin, no Sec-Fetch-Site", { origin: foreign }],
      ["Origin: null", { origin: "null" }],
      ["a foreign Referer and no Origin", { referer: `${foreign}/attack.html` }],
      ["neither Origin nor Sec-Fetch-Site", {}],
    ];
    for (const [what, headers] of attacks) {
      const res = await createBrief({ ...cookie(server.localApiKey), ...headers });
      expect(res.status, what).toBe(403);
      expect(res.body, what).toContain("cross-origin requests are not allowed");
    }
    expect(await briefCount()).toBe(before);
  });

  it("works from the dashboard's own page, and a bearer key needs no such proof", async () => {
    const before = await briefCount();
    const own = `http://127.0.0.1:${server.port}`;
    const allowed: [string, Record<string, string>][] = [
      [
        "Sec-Fetch-Site: same-origin",
        { ...cookie(server.localApiKey), "sec-fetch-site": "same-origin", origin: own },
      ],
      ["an Origin equal to the server's", { ...cookie(server.localApiKey), origin: own }],
      [
        "a bearer key with a foreign Origin",
        { ...bearer(server.localApiKey), origin: "http://127.0.0.1:8080" },
      ],
      ["a bearer key beside the cookie", { ...bearer(server.localApiKey), ...cookie(server.localApiKey) }],
    ];
    for (const [what, headers] of allowed) expect((await createBrief(headers)).status, what).toBe(200);
    expect(await briefCount()).toBe(before + allowed.length);
  });
});
