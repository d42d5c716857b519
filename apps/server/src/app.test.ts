import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { type CapturedLogs, captureLogs } from "@tiktok-army/db/testing";
import { initTRPC } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AppOptions, createApp } from "./app.ts";
import { rawRequest } from "./testing/raw-request.ts";

const ANTHROPIC_KEY = "sk-ant-api03-app-test-key";
const LOCAL_KEY = "tta_local-test-key";

/** A stand-in for the app router: what the HTTP layer does does not depend on the procedures. */
const t = initTRPC.context<{ authorization?: string; cookie?: string }>().create();
const router = t.router({
  credentials: t.procedure.query(({ ctx }) => ({ authorization: ctx.authorization, cookie: ctx.cookie })),
  echo: t.procedure.input(z.object({ text: z.string() })).mutation(({ input }) => input.text),
  upstream: t.procedure.query(() => {
    throw new Error(`Anthropic API answered 401: invalid x-api-key ${ANTHROPIC_KEY}`);
  }),
});

let folder: string;
let dist: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tta-app-"));
  dist = path.join(folder, "dist");
  await mkdir(path.join(dist, "assets"), { recursive: true });
  await writeFile(path.join(dist, "index.html"), "<!doctype html><title>dashboard</title>");
  await writeFile(path.join(dist, "assets", "app-3f2a.js"), "console.log('app')");
  await writeFile(path.join(dist, "assets", "app-3f2a.css"), "body{}");
  await writeFile(path.join(dist, "logo.svg"), "<svg/>");
  await writeFile(path.join(dist, ".env"), "SECRET=dotfile");
  await writeFile(path.join(folder, "secret.txt"), "SECRET=outside");
  await symlink(path.join(folder, "secret.txt"), path.join(dist, "linked.txt"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function app(overrides: Partial<AppOptions<typeof router>> = {}, logs: CapturedLogs = captureLogs()) {
  return createApp({
    router,
    createContext: async (credentials) => credentials,
    maxBodyBytes: 4096,
    isReady: async () => true,
    localSession: { apiKey: LOCAL_KEY, workspace: "local", mode: "mock", dataSource: "offline" },
    webDist: dist,
    logger: logs.logger,
    ...overrides,
  });
}

/** The app behind a real socket, for what `app.request` cannot send: paths that fetch would normalise. */
async function listening(options: Partial<AppOptions<typeof router>> = {}) {
  const server = createAdaptorServer({ fetch: app(options).fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    get: (pathname: string) => rawRequest((server.address() as AddressInfo).port, pathname),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Bindings as @hono/node-server passes them, for a request from `remoteAddress`. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } }) as never;

describe("the dashboard", () => {
  it.each([
    ["/", "text/html; charset=utf-8", "dashboard"],
    ["/index.html", "text/html; charset=utf-8", "dashboard"],
    ["/assets/app-3f2a.js", "text/javascript; charset=utf-8", "console.log"],
    ["/assets/app-3f2a.css", "text/css; charset=utf-8", "body{}"],
    ["/logo.svg", "image/svg+xml; charset=utf-8", "<svg/>"],
  ])("serves %s as %s", async (pathname, type, body) => {
    const res = await app().request(pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain(body);
  });

  it("caches hashed assets for good and makes everything else revalidate", async () => {
    const served = app();
    expect((await served.request("/assets/app-3f2a.js")).headers.get("cache-control")).toBe(
      "public, max-age=31536000, immutable",
    );
    for (const pathname of ["/", "/logo.svg", "/runs/6f1c"]) {
      expect((await served.request(pathname)).headers.get("cache-control")).toBe("no-cache");
    }
  });

  it("answers the dashboard's own routes with index.html", async () => {
    for (const pathname of ["/runs/6f1c", "/approvals?status=pending", "/workflows/profile_audit/edit"]) {
      const res = await app().request(pathname);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("dashboard");
    }
    const page = await app().request("/reports/q3.html", { headers: { accept: "text/html" } });
    expect(await page.text()).toContain("dashboard");
  });

  it("answers a missing asset with 404, not with the app shell", async () => {
    expect((await app().request("/assets/gone-1234.js")).status).toBe(404);
  });

  it("never serves files outside the dashboard, through `..` or a symlink, nor dotfiles", async () => {
    const server = await listening();
    try {
      for (const pathname of [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/linked.txt",
        "/.env",
        "/assets/%2e%2e/.env",
        "/.env/",
      ]) {
        const res = await server.get(pathname);
        expect(res.body, pathname).not.toContain("SECRET");
        expect([200, 404], pathname).toContain(res.status);
        if (res.status === 200) expect(res.body).toContain("dashboard");
      }
    } finally {
      await server.close();
    }
  });

  it("refuses malformed paths", async () => {
    expect((await app().request("/%E0%A4%A")).status).toBe(400);
    expect((await app().request("/index.html%00.js")).status).toBe(400);
  });

  it("answers HEAD without a body and other methods with 405", async () => {
    const head = await app().request("/assets/app-3f2a.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String("console.log('app')".length));
    expect(await head.text()).toBe("");
    const post = await app().request("/", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("without a build, answers / with a page saying how to build it and reach the API", async () => {
    const unbuilt = app({ webDist: path.join(folder, "missing-dist") });
    const res = await unbuilt.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    const page = await res.text();
    expect(page).toContain("not built");
    expect(page).toContain("/trpc");
    expect((await unbuilt.request("/runs/1")).status).toBe(404);
  });
});

describe("the API mount", () => {
  it("hands the Authorization header and the cookie to the tRPC context", async () => {
    const res = await app().request("/trpc/credentials", {
      headers: { authorization: `Bearer ${LOCAL_KEY}`, cookie: `tta_key=${LOCAL_KEY}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      result: { data: { authorization: `Bearer ${LOCAL_KEY}`, cookie: `tta_key=${LOCAL_KEY}` } },
    });
  });

  it("refuses other origins' pages (other ports of localhost too), not same-origin pages or other clients", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const res = await app().request("/trpc/credentials", { headers: { "sec-fetch-site": site } });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: "cross-origin requests are not allowed: made by another site's or another port's page",
      });
    }
    const allowed: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "none" },
      {},
    ];
    for (const headers of allowed) {
      expect((await app().request("/trpc/credentials", { headers })).status).toBe(200);
    }
  });

  it("answers 413 PAYLOAD_TOO_LARGE in tRPC's error shape to a body over the cap, announced or streamed", async () => {
    const body = JSON.stringify({ text: "x".repeat(8000) });
    const announced = await app().request("/trpc/echo", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(body.length) },
      body,
    });
    expect(announced.status).toBe(413);
    expect(announced.headers.get("connection")).toBe("close");
    const refusal = (await announced.json()) as { error: { data: { code: string } } };
    expect(refusal.error.data.code).toBe("PAYLOAD_TOO_LARGE");

    const streamed = await app().request("/trpc/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([body]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const small = await app().request("/trpc/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hello" }),
    });
    expect(await small.json()).toEqual({ result: { data: "hello" } });
  });
});

describe("batches", () => {
  const batchOf = (n: number) =>
    `/trpc/${Array.from({ length: n }, () => "credentials").join(",")}?batch=1&input=${encodeURIComponent("{}")}`;

  it("answers a batch over the cap with 400 in tRPC's error shape, naming both sizes, and runs none of it", async () => {
    let contexts = 0;
    const capped = app({
      maxBatchSize: 2,
      createContext: async (credentials) => {
        contexts += 1;
        return credentials;
      },
    });
    const refused = await capped.request(batchOf(3));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.message).toBe("batch of 3 calls exceeds the cap of 2");
    expect(body.error.data.code).toBe("BAD_REQUEST");
    // Commas encoded in the path separate calls too, as tRPC decodes the path before splitting it.
    expect((await capped.request("/trpc/credentials%2Ccredentials%2Ccredentials?batch=1")).status).toBe(400);
    expect(contexts).toBe(0);
    expect((await capped.request(batchOf(2))).status).toBe(200);
    expect((await app().request(batchOf(50))).status).toBe(200);
  });

  it("logs at most 1 KiB of a batch's path, with the number of calls it makes", async () => {
    const logs = captureLogs();
    await app({ maxBatchSize: 5 }, logs).request(batchOf(400));
    const [line] = logs.lines();
    expect(line).toEqual(expect.objectContaining({ status: 400, calls: 400 }));
    expect(String(line?.path)).toHaveLength(1025);
    expect(String(line?.path).endsWith("…")).toBe(true);
  });
});

describe("health, the local session and the rest of /api", () => {
  it("answers /healthz, and /readyz by whether the server is ready", async () => {
    expect(await (await app().request("/healthz")).json()).toEqual({ ok: true });
    const ready = await app().request("/readyz");
    expect([ready.status, await ready.json()]).toEqual([200, { ok: true }]);
    const draining = await app({ isReady: async () => false }).request("/readyz");
    expect([draining.status, await draining.json()]).toEqual([503, { ok: false }]);
  });

  it("hands the local key as an HttpOnly cookie to a GET from this machine, and to nothing else", async () => {
    const local = { headers: { host: "127.0.0.1:3001" } };
    const session = await app().request("/api/session", local, from("127.0.0.1"));
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ workspace: "local", mode: "mock", dataSource: "offline" });
    expect(session.headers.get("set-cookie")).toBe(`tta_key=${LOCAL_KEY}; HttpOnly; SameSite=Strict; Path=/`);
    expect(session.headers.get("cache-control")).toBe("no-store");

    const post = await app().request("/api/session", { ...local, method: "POST" }, from("127.0.0.1"));
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET"]);
    for (const [request, remote] of [
      [local, "192.168.1.20"],
      [{ headers: { host: "127.0.0.1:3001", "x-forwarded-for": "203.0.113.9" } }, "127.0.0.1"],
      [{ headers: { host: "attacker.example:3001" } }, "127.0.0.1"],
    ] as const) {
      const refused = await app().request("/api/session", request, from(remote));
      expect(refused.status).toBe(403);
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
  });

  it("answers other /api paths with a JSON 404", async () => {
    const res = await app().request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not found" });
  });

  it("sets security headers on every response, without HSTS (plain HTTP on this machine)", async () => {
    for (const pathname of ["/", "/healthz", "/trpc/credentials", "/api/nothing-here"]) {
      const res = await app().request(pathname);
      expect(res.headers.get("x-content-type-options"), pathname).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), pathname).toBe("DENY");
      expect(res.headers.get("content-security-policy"), pathname).toContain("frame-ancestors 'none'");
      expect(res.headers.get("referrer-policy"), pathname).toBe("no-referrer");
      expect(res.headers.get("strict-transport-security"), pathname).toBeNull();
      expect(res.headers.get("x-request-id"), pathname).toMatch(/^[\w-]+$/);
    }
  });
});

describe("logs", () => {
  it("write one JSON line per request: request id, method, path without its query, status, duration", async () => {
    const logs = captureLogs();
    const served = app({}, logs);
    const res = await served.request("/runs/6f1c?step=audit&token=abc");
    await served.request("/trpc/credentials?input=%7B%7D");

    expect(logs.lines()).toEqual([
      {
        level: "info",
        time: expect.any(String),
        pid: process.pid,
        requestId: res.headers.get("x-request-id"),
        method: "GET",
        path: "/runs/6f1c",
        status: 200,
        ms: expect.any(Number),
        msg: "request",
      },
      expect.objectContaining({ method: "GET", path: "/trpc/credentials", status: 200, msg: "request" }),
    ]);
    expect(logs.text()).not.toContain("token=abc");
  });

  it("never carry the API key, the session cookie, nor an upstream secret quoted by an error", async () => {
    const logs = captureLogs({ secrets: [ANTHROPIC_KEY] });
    const res = await app({}, logs).request("/trpc/upstream", {
      headers: { authorization: `Bearer ${LOCAL_KEY}`, cookie: `tta_key=${LOCAL_KEY}` },
    });
    expect(res.status).toBe(500);

    const apiError = logs.lines().find((line) => line.msg === "api error");
    expect(apiError).toMatchObject({
      level: "error",
      path: "/trpc/upstream",
      procedure: "upstream",
      err: { message: "Anthropic API answered 401: invalid x-api-key [redacted]" },
    });
    const text = logs.text();
    for (const secret of [ANTHROPIC_KEY, LOCAL_KEY, "tta_key"]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization|cookie/i);
  });

  it("log a route's failure and answer 500 without its details", async () => {
    const logs = captureLogs();
    const res = await app(
      {
        isReady: () => Promise.reject(new Error("pool exhausted")),
      },
      logs,
    ).request("/readyz");
    expect([res.status, await res.json()]).toEqual([500, { error: "internal server error" }]);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ level: "error", msg: "request failed", path: "/readyz" }),
    );
  });
});
