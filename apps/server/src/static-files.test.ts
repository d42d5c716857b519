import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "./static-files.ts";
import { rawRequest } from "./testing/raw-request.ts";

let folder: string;
let dist: string;
let built: Server;
let unbuilt: Server;

async function serve(root: string): Promise<Server> {
  const serveStatic = staticFiles(root);
  const server = createServer((req, res) => void serveStatic(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const get = (
  server: Server,
  pathname: string,
  init: { method?: string; headers?: Record<string, string> } = {},
) => rawRequest((server.address() as AddressInfo).port, pathname, init);

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tta-static-"));
  dist = path.join(folder, "dist");
  await mkdir(path.join(dist, "assets"), { recursive: true });
  await writeFile(path.join(dist, "index.html"), "<!doctype html><title>dashboard</title>");
  await writeFile(path.join(dist, "assets", "app-3f2a.js"), "console.log('app')");
  await writeFile(path.join(dist, "assets", "app-3f2a.css"), "body{}");
  await writeFile(path.join(dist, "logo.svg"), "<svg/>");
  await writeFile(path.join(dist, ".env"), "SECRET=dotfile");
  await writeFile(path.join(folder, "secret.txt"), "SECRET=outside");
  await symlink(path.join(folder, "secret.txt"), path.join(dist, "linked.txt"));
  built = await serve(dist);
  unbuilt = await serve(path.join(folder, "missing-dist"));
});

afterAll(async () => {
  built?.close();
  unbuilt?.close();
  await rm(folder, { recursive: true, force: true });
});

describe("staticFiles", () => {
  it.each([
    ["/", "text/html; charset=utf-8", "dashboard"],
    ["/index.html", "text/html; charset=utf-8", "dashboard"],
    ["/assets/app-3f2a.js", "text/javascript; charset=utf-8", "console.log"],
    ["/assets/app-3f2a.css", "text/css; charset=utf-8", "body{}"],
    ["/logo.svg", "image/svg+xml", "<svg/>"],
  ])("serves %s as %s", async (pathname, type, body) => {
    const res = await get(built, pathname);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(type);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.body).toContain(body);
  });

  it("caches hashed assets for good and makes index.html revalidate", async () => {
    expect((await get(built, "/assets/app-3f2a.js")).headers["cache-control"]).toContain("immutable");
    expect((await get(built, "/")).headers["cache-control"]).toBe("no-cache");
  });

  it("answers the dashboard's own routes with index.html", async () => {
    for (const pathname of ["/runs/6f1c", "/approvals?status=pending", "/workflows/profile_audit/edit"]) {
      const res = await get(built, pathname);
      expect(res.status).toBe(200);
      expect(res.body).toContain("dashboard");
    }
  });

  it("answers a missing asset with 404, not with the app shell", async () => {
    expect((await get(built, "/assets/gone-1234.js")).status).toBe(404);
  });

  it.each([
    "/../secret.txt",
    "/assets/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/..%2fsecret.txt",
    "/assets%2f..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/linked.txt",
    "/.env",
    "/assets/%2e%2e/.env",
  ])("never serves files outside the dashboard or dotfiles: %s", async (pathname) => {
    const res = await get(built, pathname);
    expect(res.body).not.toContain("SECRET");
    expect([200, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body).toContain("dashboard");
  });

  it("refuses malformed paths", async () => {
    expect((await get(built, "/%E0%A4%A")).status).toBe(400);
    expect((await get(built, "/index.html%00.js")).status).toBe(400);
  });

  it("answers HEAD without a body and other methods with 405", async () => {
    const head = await get(built, "/assets/app-3f2a.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String("console.log('app')".length));
    expect(head.body).toBe("");
    const post = await get(built, "/", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });

  it("without a build, answers / with a page saying how to build it and reach the API", async () => {
    const res = await get(unbuilt, "/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain("not built");
    expect(res.body).toContain("/trpc");
    expect((await get(unbuilt, "/runs/1")).status).toBe(404);
  });
});
