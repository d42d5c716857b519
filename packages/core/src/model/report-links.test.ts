import { describe, expect, it } from "vitest";
import type { RunState } from "../runner/run-state.ts";
import { isReportLinkAllowed, reportLinkHosts } from "./report-links.ts";

const stateWith = (...outputs: unknown[]) =>
  ({
    steps: Object.fromEntries(
      outputs.map((output, i) => [
        `s${i}`,
        { key: `s${i}`, status: "succeeded", attempts: 1, trace: [], output },
      ]),
    ),
  }) as Pick<RunState, "steps">;

describe("reportLinkHosts", () => {
  it("takes the hosts of http(s) URLs in *_url fields at any depth, once each, sorted", () => {
    const state = stateWith(
      { top_videos: [{ title: "x", share_url: "https://www.TikTok.com/@laku/video/1" }] },
      {
        cover_image_url: "https://p16-sign.tiktokcdn.com/cover.jpg",
        nested: [[{ share_url: "https://www.tiktok.com/x" }]],
      },
      undefined,
    );
    expect(reportLinkHosts(state)).toEqual(["p16-sign.tiktokcdn.com", "www.tiktok.com"]);
  });

  it("takes no host from text written by others, even when it is nothing but a URL", () => {
    const state = stateWith({
      title: "https://evil.example/login",
      bio: "visit https://evil.example",
      hashtags: ["https://evil.example"],
      share_url: "javascript:alert(1)",
      profile_url: "not a url",
    });
    expect(reportLinkHosts(state)).toEqual([]);
  });
});

describe("isReportLinkAllowed", () => {
  const hosts = ["www.tiktok.com"];

  it("allows footnotes and links to the run's own hosts", () => {
    expect(isReportLinkAllowed("#user-content-fn-1", hosts)).toBe(true);
    expect(isReportLinkAllowed("https://www.tiktok.com/@laku/video/1", hosts)).toBe(true);
  });

  it("refuses other hosts, lookalikes, userinfo tricks, relative links and other schemes", () => {
    for (const href of [
      "https://evil.example/login",
      "https://www.tiktok.com.evil.example/",
      "https://www.tiktok.com@evil.example/",
      "/approvals",
      "mailto:someone@www.tiktok.com",
      "javascript:alert(1)",
      undefined,
    ])
      expect(isReportLinkAllowed(href, hosts), href).toBe(false);
  });
});
