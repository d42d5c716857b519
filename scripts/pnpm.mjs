#!/usr/bin/env node
// Runs the pnpm version pinned in package.json's packageManager, so a fresh machine with only Node
// and npm needs nothing installed first. Uses a global pnpm when it is the same version.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

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

const [cmd, cmdArgs] =
  globalPnpmVersion() === version ? ["pnpm", args] : ["npx", ["--yes", `pnpm@${version}`, ...args]];
const child = spawn(cmd, cmdArgs, { stdio: "inherit" });
// A process manager's SIGTERM reaches only this process: pass it on so the server stops gracefully.
// Ctrl-C's SIGINT already reaches the whole process group; passing it on would be a second signal.
process.on("SIGTERM", () => child.kill("SIGTERM"));
process.on("SIGINT", () => {});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
