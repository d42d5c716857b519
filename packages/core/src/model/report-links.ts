import type { RunState } from "../runner/run-state.ts";
import { MAX_INPUT_DEPTH } from "./input-rule.ts";

/**
 * The hosts a run's report may link to: those of the URLs its steps' outputs hold in URL fields
 * (`share_url`, `cover_image_url`: TikTok names every URL field `*_url`), lowercased, sorted. A
 * caption, title or bio is never such a field, so text written by others cannot add a host, even
 * when all it says is a URL: a link to any other host is a link the model wrote or was told to write.
 * @example
 * reportLinkHosts(state); // ["www.tiktok.com"] when a step output holds a video's share_url
 */
export function reportLinkHosts(state: Pick<RunState, "steps">): string[] {
  const hosts = new Set<string>();
  const pending: { value: unknown; depth: number }[] = Object.values(state.steps).map((s) => ({
    value: s.output,
    depth: 0,
  }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value !== "object" || value === null || depth >= MAX_INPUT_DEPTH) continue;
    for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      const host = typeof key === "string" && key.endsWith("_url") ? httpHost(item) : undefined;
      if (host) hosts.add(host);
      pending.push({ value: item, depth: depth + 1 });
    }
  }
  return [...hosts].sort();
}

/**
 * Whether a report may show `href` as a link: a footnote on the page, or an http(s) URL to one of
 * `hosts` (reportLinkHosts). Userinfo tricks (`https://www.tiktok.com@evil.example`) resolve to
 * their real host first.
 */
export function isReportLinkAllowed(href: string | undefined, hosts: readonly string[]): boolean {
  if (!href) return false;
  if (href.startsWith("#")) return true;
  const host = httpHost(href);
  return host !== undefined && hosts.includes(host);
}

function httpHost(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
