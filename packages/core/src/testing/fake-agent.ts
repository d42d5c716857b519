import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { type Agent, defineAgent, type SideEffect } from "../agents/contract.ts";

/**
 * An agent for tests: echoes a computed output after an optional delay, without TikTok data or a model.
 * @example fakeAgent({ name: "slow", delayMs: 300, output: z.object({ n: z.number() }), run: () => ({ n: 1 }) })
 */
export function fakeAgent<I extends z.ZodObject, O extends z.ZodObject>(spec: {
  name: string;
  input?: I;
  output?: O;
  sideEffects?: SideEffect;
  delayMs?: number;
  run?: (input: z.infer<I>, attempt: number) => z.infer<O> | Promise<z.infer<O>>;
}): Agent<I, O, z.ZodObject<{ delay_ms: z.ZodOptional<z.ZodNumber> }>> {
  let calls = 0;
  return defineAgent({
    name: spec.name,
    description: `test agent ${spec.name}`,
    input: spec.input ?? (z.object({}) as unknown as I),
    output: spec.output ?? (z.object({ value: z.string() }) as unknown as O),
    options: z.object({ delay_ms: z.number().optional() }),
    sideEffects: spec.sideEffects ?? "none",
    async execute(input, ctx) {
      calls += 1;
      const delay = ctx.options.delay_ms ?? spec.delayMs ?? 0;
      if (delay > 0) await sleep(delay, undefined, { signal: ctx.signal });
      return spec.run ? await spec.run(input, calls) : ({ value: spec.name } as z.infer<O>);
    },
  });
}
