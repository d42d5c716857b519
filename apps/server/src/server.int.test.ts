import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type CapturedLogs,
  captureLogs,
  createTestDatabase,
  type TestDatabase,
} from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerConfig, serverConfigFromEnv } from "./config.ts";
import { type RunningServer, startServer } from "./server.ts";
import { rawRequest } from "./testing/raw-request.ts";

let db: TestDatabase;
let folder: string;
let webDist: string;

beforeAll(async () => {
  db = await createTestDatabase();
  folder = await mkdtemp(path.join(tmpdir(), "tta-server-test-"));
  webDist = path.join(folder, "web-dist");
  await mkdir(path.join(webDist, "assets"), { recursive: true });
  await writeFile(path.join(webDist, "index.html"), "<!doctype html><title>dashboard shell</title>");
  await writeFile(path.join(webDist, "assets", "main-1a2b.js"), "export {}");
  await writeFile(path.join(folder, "secret.txt"), "SECRET=outside the dashboard");
});

afterAll(async () => {
  await db?.drop();
  await rm(folder, { recursive: true, force: true });
});

/** A server on a free port over the test database; `dataDir` defaults to a fresh folder. */
async function start(
  overrides: Partial<ServerConfig> = {},
  logs: CapturedLogs = captureLogs(),
): Promise<RunningServer & { port: number }> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(path.join(folder, "data-")));
  const config = serverConfigFromEnv({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    PORT: "0",
    WORKER_CONCURRENCY: "1",
  });
  const server = await startServer({ ...config, webDist, ...overrides }, { logger: logs.logger });
  return { ...server, port: Number(new URL(server.url).port) };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("health", () => {
  it("answers /healthz and /readyz while the database answers", async () => {
    const server = await start();
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true });
    } finally {
      await server.stop();
    }
  });

  it("turns /readyz to 503 as soon as shutdown starts, then stops listening", async () => {
    const server = await start({ shutdownGraceMs: 1000 });
    const stopping = server.stop();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await stopping;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe("the dashboard", () => {
  it("serves its files, answers its routes with index.html and never serves a file outside it", async () => {
    const server = await start();
    try {
      const asset = await fetch(`${server.url}/assets/main-1a2b.js`);
      expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(await (await fetch(`${server.url}/runs/some-run`)).text()).toContain("dashboard shell");
      for (const attack of [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%2e%2e/secret.txt",
      ]) {
        const res = await rawRequest(server.port, attack);
        expect(res.body).not.toContain("SECRET");
      }
      expect((await fetch(`${server.url}/api/nothing-here`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it("says how to build it when there is no build", async () => {
    const server = await start({ webDist: path.join(folder, "not-built") });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("not built");
    } finally {
      await server.stop();
    }
  });
});

describe("the local session and the API mount", () => {
  it("hands the local key to a browser on this machine as a cookie the API accepts", async () => {
    const server = await start();
    try {
      const session = await fetch(`${server.url}/api/session`);
      expect(session.status).toBe(200);
      expect(await session.json()).toEqual({ workspace: "local", mode: "mock", dataSource: "offline" });
      const cookie = session.headers.get("set-cookie") ?? "";
      expect(cookie).toBe(`tta_key=${server.localApiKey}; HttpOnly; SameSite=Strict; Path=/`);

      // As the dashboard's page sends it: the browser says the request is same-origin.
      const withCookie = await fetch(`${server.url}/trpc/agents.list`, {
        headers: { cookie: cookie.split(";")[0] ?? "", "sec-fetch-site": "same-origin" },
      });
      expect(withCookie.status).toBe(200);
      expect((await fetch(`${server.url}/trpc/agents.list`)).status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it("refuses the session to proxied requests and rebound host names, and the API to other origins' pages", async () => {
    const server = await start();
    try {
      const proxied = await rawRequest(server.port, "/api/session", {
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
      expect(proxied.status).toBe(403);
      expect(proxied.headers["set-cookie"]).toBeUndefined();
      const rebound = await rawRequest(server.port, "/api/session", {
        headers: { host: "attacker.example:3001" },
      });
      expect(rebound.status).toBe(403);
      const crossSite = await fetch(`${server.url}/trpc/agents.list`, {
        headers: { ...bearer(server.localApiKey), "sec-fetch-site": "same-site" },
      });
      expect(crossSite.status).toBe(403);
    } finally {
      await server.stop();
    }
  });

  it("refuses a request body over the cap with 413, announced or streamed", async () => {
    const server = await start({ maxBodyBytes: 4096 });
    const body = JSON.stringify({
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
      notes: "x".repeat(8000),
    });
    try {
      const announced = await fetch(`${server.url}/trpc/workflows.run`, {
        method: "POST",
        headers: { ...bearer(server.localApiKey), "content-type": "application/json" },
        body,
      });
      expect(announced.status).toBe(413);
      const refusal = (await announced.json()) as { error: { data: { code: string } } };
      expect(refusal.error.data.code).toBe("PAYLOAD_TOO_LARGE");

      const streamed = await fetch(`${server.url}/trpc/workflows.run`, {
        method: "POST",
        headers: { ...bearer(server.localApiKey), "content-type": "application/json" },
        body: new Blob([body]).stream(),
        duplex: "half",
      } as RequestInit);
      expect(streamed.status).toBe(413);
    } finally {
      await server.stop();
    }
  });

  it("streams run events over SSE, and stop() ends the stream instead of waiting for it", async () => {
    const server = await start();
    const started = await fetch(`${server.url}/trpc/workflows.run`, {
      method: "POST",
      headers: { ...bearer(server.localApiKey), "content-type": "application/json" },
      body: JSON.stringify({ slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" }),
    });
    const { result } = (await started.json()) as { result: { data: { runId: string } } };
    const { runId } = result.data;
    const input = encodeURIComponent(JSON.stringify({ runId }));
    const stream = await fetch(`${server.url}/trpc/runs.events?input=${input}`, {
      headers: { ...bearer(server.localApiKey), accept: "text/event-stream" },
    });
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("run_succeeded")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toMatch(/^id: 1$/m);
    expect(text).toContain("run_succeeded");

    // The subscription is now waiting for more events, as a dashboard's would.
    const began = Date.now();
    await server.stop();
    expect(Date.now() - began).toBeLessThan(5000);
    // Ended or cut: either way the client sees the stream close (an EventSource then reconnects).
    expect(
      await reader.read().then(
        ({ done }) => done,
        () => true,
      ),
    ).toBe(true);
  });
});

describe("the local workspace's key", () => {
  it("is made on first start, kept in a 0600 file and reused after a restart", async () => {
    const dataDir = await mkdtemp(path.join(folder, "data-"));
    const keyFile = path.join(dataDir, "local-api-key");
    const first = await start({ dataDir });
    await first.stop();
    expect((await readFile(keyFile, "utf8")).trim()).toBe(first.localApiKey);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

    const second = await start({ dataDir });
    await second.stop();
    expect(second.localApiKey).toBe(first.localApiKey);
  });

  it("is replaced when the file is missing or holds a key the database does not know", async () => {
    const dataDir = await mkdtemp(path.join(folder, "data-"));
    const keyFile = path.join(dataDir, "local-api-key");
    const first = await start({ dataDir });
    await first.stop();

    await writeFile(keyFile, "tta_not-a-key-of-this-database\n");
    const second = await start({ dataDir });
    await second.stop();
    expect(second.localApiKey).not.toBe(first.localApiKey);
    expect((await readFile(keyFile, "utf8")).trim()).toBe(second.localApiKey);

    await rm(keyFile);
    const third = await start({ dataDir });
    await third.stop();
    expect(third.localApiKey).not.toBe(second.localApiKey);
  });
});

describe("logs", () => {
  it("say where the server listens, then one line per request without keys, cookies or query strings", async () => {
    const logs = captureLogs();
    const server = await start({}, logs);
    const key = server.localApiKey;
    await fetch(`${server.url}/api/session`);
    await fetch(
      `${server.url}/trpc/agents.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: key }))}`,
      {
        headers: { ...bearer(key), cookie: `tta_key=${key}` },
      },
    );
    await fetch(`${server.url}/trpc/agents.list`, { headers: bearer("tta_wrong-key") });
    await server.stop();

    const lines = logs.lines();
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: "listening",
        url: server.url,
        workspace: "local",
        mode: "mock",
        database: "external",
      }),
    );
    const requests = lines.filter((line) => line.msg === "request");
    expect(requests).toEqual([
      expect.objectContaining({ method: "GET", path: "/api/session", status: 200, ms: expect.any(Number) }),
      expect.objectContaining({ method: "GET", path: "/trpc/agents.list", status: 200 }),
      expect.objectContaining({ method: "GET", path: "/trpc/agents.list", status: 401 }),
    ]);
    const everything = logs.text();
    expect(everything).not.toContain(key);
    expect(everything).not.toContain("tta_wrong-key");
    expect(everything).not.toMatch(/authorization|cookie|tta_key/i);
  });
});
