import { expectTypeOf, test } from "vitest";
import { z } from "zod";
import type { DataScope } from "../data/data-scope.ts";
import type { TikTokDataProvider, TikTokVideo } from "../data/provider.ts";
import type { StepDeps } from "../runner/execute-step.ts";
import { type AgentContext, defineAgent } from "./contract.ts";

test("agent code asks the model without naming itself: the runner stamps the caller", () => {
  const schema = z.object({ idea: z.string() });
  const scout = defineAgent({
    name: "scout",
    description: "asks for an idea",
    sideEffects: "none",
    input: z.object({}),
    output: schema,
    options: z.object({}),
    async execute(_input, ctx) {
      // @ts-expect-error the runner stamps the agent's name on every call
      await ctx.llm.text({ agent: "scout", system: "", prompt: "An idea" });
      // @ts-expect-error ...and the workflow's slug
      await ctx.llm.text({ workflowSlug: "scouting", system: "", prompt: "An idea" });
      const { value } = await ctx.llm.structured({
        system: "",
        prompt: "An idea",
        schema,
        signal: ctx.signal,
      });
      expectTypeOf(value).toEqualTypeOf<{ idea: string }>();
      return value;
    },
  });
  expectTypeOf(scout.name).toBeString();
});

test("an agent still reads one TikTokDataProvider; the runner resolves it per step from the scope", () => {
  expectTypeOf<AgentContext["data"]>().toEqualTypeOf<TikTokDataProvider>();
  expectTypeOf<StepDeps["dataFor"]>().toEqualTypeOf<(scope: DataScope) => TikTokDataProvider>();
  // Insights a source may not give are nullable, so no agent can read them as numbers unchecked.
  expectTypeOf<TikTokVideo["full_video_watched_rate"]>().toEqualTypeOf<number | null>();
  expectTypeOf<TikTokVideo["impression_sources"]>().toEqualTypeOf<Record<string, number> | null>();
  expectTypeOf<TikTokVideo["view_count"]>().toEqualTypeOf<number>();
});
