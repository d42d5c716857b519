import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, MiddlewareHandler, Next } from "hono";

/** Vite puts content hashes in the names of what it emits under assets/: those never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/**
 * Serves the built dashboard in `root`: its files, and `index.html` for any other page path (the
 * dashboard routes in the browser). Paths that would leave `root` (`..`, symlinks), dotfiles and
 * asset-like paths that do not exist get 404. Without a build, `/` answers a page saying how to
 * build it; the build is looked for on every request, so building while the server runs works.
 *
 * Hono's `serveStatic` sends the file (type, length, HEAD, ranges); which file, if any, is decided
 * here first, as it does not refuse dotfiles or symlinks that point outside its root.
 *
 * @example
 * app.get("*", dashboard("apps/web/dist"));
 */
export function dashboard(root: string): MiddlewareHandler {
  const absoluteRoot = path.resolve(root);

  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      return c.text("Method Not Allowed", 405, { allow: "GET, HEAD" });
    }
    const pathname = decodePathname(c.req.url);
    if (pathname === undefined) return c.text("Bad Request", 400);

    const rootReal = await realpath(absoluteRoot).catch(() => undefined);
    const index = rootReal && (await fileIn(rootReal, "/index.html"));
    if (!rootReal || !index) {
      if (pathname === "/" || pathname === "/index.html") {
        return c.html(NOT_BUILT_PAGE, 200, { "cache-control": REVALIDATE });
      }
      return c.text("Not Found", 404);
    }

    const file = await fileIn(rootReal, pathname);
    if (file) return send(c, next, file, isUnder(rootReal, "assets", file) ? IMMUTABLE : REVALIDATE);
    // A page of the dashboard (no file extension, or a browser asking for HTML) gets the app shell;
    // a missing script or image gets a 404 rather than HTML under a script's name.
    const isPage = path.extname(pathname) === "" || (c.req.header("accept") ?? "").includes("text/html");
    if (isPage && !hasDotSegment(pathname)) return send(c, next, index, REVALIDATE);
    return c.text("Not Found", 404);
  };
}

/** Sends `file` (already checked to be a regular file inside the root) with its cache policy. */
function send(c: Context, next: Next, file: string, cacheControl: string) {
  // Before serveStatic makes its response: headers set after it (in `onFound`) would not be in it.
  c.header("cache-control", cacheControl);
  return serveStatic({ path: file })(c, next);
}

/** The decoded path, or undefined when it is malformed or holds a NUL byte. */
function decodePathname(url: string): string | undefined {
  try {
    const decoded = decodeURIComponent(new URL(url).pathname);
    return decoded.includes("\0") ? undefined : decoded;
  } catch {
    return undefined;
  }
}

const segmentsOf = (pathname: string) => pathname.split(/[/\\]/).filter((segment) => segment !== "");
const hasDotSegment = (pathname: string) => segmentsOf(pathname).some((segment) => segment.startsWith("."));

/**
 * The regular file `pathname` names inside `root` (after resolving `..` and symlinks), or undefined.
 * Any segment starting with a dot (`..`, `.env`, `.git`) is refused outright.
 */
async function fileIn(root: string, pathname: string): Promise<string | undefined> {
  if (hasDotSegment(pathname)) return undefined;
  const candidate = path.join(root, ...segmentsOf(pathname));
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + path.sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function isUnder(root: string, folder: string, file: string): boolean {
  return path.relative(root, file).startsWith(folder + path.sep);
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>tiktok-army</title>
<body>
<h1>tiktok-army is running</h1>
<p>The dashboard is not built: run <code>pnpm build</code> and reload this page.</p>
<p>The API answers at <code>/trpc</code> (tRPC over HTTP), with an API key in
<code>Authorization: Bearer &lt;key&gt;</code>; create one with
<code>npm run -s tiktok-army -- keys create --workspace &lt;name&gt;</code>.
<code>/healthz</code> and <code>/readyz</code> report the server's state.</p>
</body>
</html>
`;
