#!/usr/bin/env node
// Runs the pnpm version pinned in package.json's packageManager, so a fresh machine with only Node
// and npm needs nothing installed first. Uses a global pnpm when it is the same version.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url))).packageManager;
const version = pinned.replace(/^pnpm@/, "");
const args = process.argv.slice(2);

function globalPnpmVersion() {
  try {
    return execFileSync("pnpm", ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

// npx would run pnpm under `sh -c`, and a shell such as dash dies of the SIGTERM (and, once its child
// is done, of the SIGINT) that reaches the whole process group: the command would fail however well
// the server stopped. So npx only fetches pnpm and says where it is, and this process runs it, with
// that folder on the PATH as npx would have it (turbo, for one, looks for pnpm there).
function pnpmFromNpx() {
  if (process.platform === "win32") return ["npx", ["--yes", `pnpm@${version}`], process.env];
  const bin = execFileSync("npx", ["--yes", `--package=pnpm@${version}`, "-c", "command -v pnpm"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return [bin, [], { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}` }];
}

const [cmd, cmdArgs, env] = globalPnpmVersion() === version ? ["pnpm", [], process.env] : pnpmFromNpx();
const child = spawn(cmd, [...cmdArgs, ...args], { stdio: "inherit", env });
// A process manager's SIGTERM reaches only this process: pass it on so the server stops gracefully
// (sent to the whole group, it arrives twice; the server takes copies that arrive together as one).
// Ctrl-C's SIGINT already reaches the whole process group.
process.on("SIGTERM", () => child.kill("SIGTERM"));
process.on("SIGINT", () => {});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
