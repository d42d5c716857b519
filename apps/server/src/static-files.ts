import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

/** The content type a file is served with. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Serves the built dashboard in `root`: its files, and `index.html` for any other page path (the
 * dashboard routes in the browser). Paths that would leave `root`, dotfiles and asset-like paths
 * that do not exist get 404. Without a build, `/` answers a page saying how to build it.
 *
 * @example
 * const serve = staticFiles("apps/web/dist");
 * http.createServer((req, res) => void serve(req, res));
 */
export function staticFiles(root: string) {
  const absoluteRoot = path.resolve(root);

  return async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return sendText(res, 405, "Method Not Allowed", { allow: "GET, HEAD" });
    }
    const pathname = decodePathname(req.url ?? "/");
    if (pathname === undefined) return sendText(res, 400, "Bad Request");

    const rootReal = await realpath(absoluteRoot).catch(() => undefined);
    const index = rootReal && (await fileIn(rootReal, "/index.html"));
    if (!rootReal || !index) {
      if (pathname === "/" || pathname === "/index.html") return sendHtml(res, 200, NOT_BUILT_PAGE);
      return sendText(res, 404, "Not Found");
    }

    const file = await fileIn(rootReal, pathname);
    // Vite puts content hashes in the names of what it emits under assets/: those never change.
    if (file) return sendFile(req, res, file, isUnder(rootReal, "assets", file) ? IMMUTABLE : REVALIDATE);
    // A page of the dashboard (no file extension, or a browser asking for HTML) gets the app shell;
    // a missing script or image gets a 404 rather than HTML under a script's name.
    const isPage = path.extname(pathname) === "" || (req.headers.accept ?? "").includes("text/html");
    if (isPage && !pathname.split("/").some((segment) => segment.startsWith("."))) {
      return sendFile(req, res, index, REVALIDATE);
    }
    return sendText(res, 404, "Not Found");
  };
}

/** The decoded path, or undefined when it is malformed or holds a NUL byte. */
function decodePathname(url: string): string | undefined {
  const raw = url.split("?", 1)[0] ?? "/";
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes("\0") ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/**
 * The regular file `pathname` names inside `root` (after resolving `..` and symlinks), or undefined.
 * Any segment starting with a dot (`..`, `.env`, `.git`) is refused outright.
 */
async function fileIn(root: string, pathname: string): Promise<string | undefined> {
  const segments = pathname.split(/[/\\]/).filter((segment) => segment !== "");
  if (segments.some((segment) => segment.startsWith("."))) return undefined;
  const candidate = path.join(root, ...segments);
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + path.sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

function isUnder(root: string, folder: string, file: string): boolean {
  return path.relative(root, file).startsWith(folder + path.sep);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string) {
  const { size } = await stat(file);
  res.writeHead(200, {
    "content-type": contentTypeOf(file),
    "content-length": size,
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res).catch(() => res.destroy());
}

function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

function sendHtml(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
  res.end(body);
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>tiktok-army</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>tiktok-army is running</h1>
<p>The dashboard is not built: run <code>pnpm build</code> and reload this page.</p>
<p>The API answers at <code>/trpc</code> (tRPC over HTTP), with an API key in
<code>Authorization: Bearer &lt;key&gt;</code>; create one with
<code>pnpm tiktok-army keys create --workspace &lt;name&gt;</code>.
<code>/healthz</code> and <code>/readyz</code> report the server's state.</p>
</body>
</html>
`;
