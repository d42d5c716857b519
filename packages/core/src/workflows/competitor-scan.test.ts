import { describe, expect, it } from "vitest";
import type { AccountHealthOutput } from "../agents/account-health.ts";
import type { CompetitorBenchmarkOutput } from "../agents/competitor-benchmark.ts";
import { runToCompletion, TEST_NOW } from "../testing/index.ts";
import type { RunBrief } from "../workflow/brief.ts";
import { fromDagJson, toDagJson } from "../workflow/dag-json.ts";
import { parseRunParams } from "../workflow/params.ts";
import { topoSort } from "../workflow/topo-sort.ts";
import { COMPETITOR_SCAN } from "./competitor-scan.ts";

const now = () => TEST_NOW;
const brief = (params?: RunBrief["params"]): RunBrief => ({
  handle: "lakucosmetics",
  targetType: "brand",
  params,
});

describe("competitor_scan", () => {
  it("runs the health audit and the benchmark side by side, then the report", () => {
    expect(topoSort(COMPETITOR_SCAN.steps).map((s) => s.key)).toEqual([
      "account_health",
      "benchmark",
      "report",
    ]);
    expect(COMPETITOR_SCAN.steps.find((s) => s.key === "benchmark")?.dependsOn).toBeUndefined();
  });

  it("round-trips losslessly through DAG JSON", () => {
    const { slug, name, description } = COMPETITOR_SCAN;
    const dag = JSON.parse(JSON.stringify(toDagJson(COMPETITOR_SCAN)));
    const back = fromDagJson({ slug, name, description, dag });
    // Params come back as a schema rebuilt from JSON Schema: equal as JSON, not as zod objects.
    const { params: backParams, ...backRest } = back;
    const { params: _params, ...rest } = COMPETITOR_SCAN;
    expect(backRest).toEqual(rest);
    expect(toDagJson(back)).toEqual({ ...dag, params: expect.objectContaining(dag.params) });
    expect(backParams?.safeParse({ competitors: ["glowwithmia"] }).success).toBe(true);
    expect(backParams?.safeParse({ competitors: [] }).success).toBe(false);
  });

  it("benchmarks the competitors the run is given and reports the brand's ranks", async () => {
    const { report, state } = await runToCompletion(COMPETITOR_SCAN, {
      now,
      brief: brief({ competitors: ["@glowwithmia", " fitwithtom "] }),
    });
    expect(state.status).toBe("succeeded");
    // Parsed by handleSchema when the run started: the @ and the spaces are gone.
    expect(state.brief.params).toEqual({ competitors: ["glowwithmia", "fitwithtom"] });
    expect(state.steps.benchmark?.input).toEqual({
      handle: "lakucosmetics",
      competitors: ["glowwithmia", "fitwithtom"],
    });
    const benchmark = state.steps.benchmark?.output as CompetitorBenchmarkOutput;
    const health = state.steps.account_health?.output as AccountHealthOutput;
    expect(benchmark.accounts.map((a) => a.handle)).toEqual(["lakucosmetics", "glowwithmia", "fitwithtom"]);
    expect(benchmark.accounts[0]?.metrics.followers.value).toBe(health.follower_count);

    expect(report).toContain("# Competitor scan: @lakucosmetics");
    expect(report).toContain(`## Benchmark: ${benchmark.window}`);
    for (const handle of ["@glowwithmia", "@fitwithtom"]) expect(report).toContain(handle);
    const er = benchmark.brand_rank.engagement_rate_by_views;
    expect(report).toContain(`| ER by views | ${er.rank} of ${er.of} | @${er.leader} |`);
    expect(report).toContain("saves excluded");
    for (const takeaway of benchmark.takeaways) expect(report).toContain(takeaway);
    expect(report).toContain(`${health.health_score.score}/100`);
  });

  it.each([
    [{ competitors: ["glowwithmia", "not a handle!"] }, "params.competitors.1"],
    [{ competitors: [] }, "params.competitors"],
    [{ competitors: Array.from({ length: 11 }, (_, i) => `rival${i}`) }, "params.competitors"],
    [undefined, "params.competitors"],
  ])("refuses params %j, naming %s", async (params, field) => {
    await expect(runToCompletion(COMPETITOR_SCAN, { now, brief: brief(params) })).rejects.toThrow(
      expect.objectContaining({ code: "invalid_params", field }),
    );
    expect(() => parseRunParams(COMPETITOR_SCAN, params)).toThrow(expect.objectContaining({ field }));
  });
});
