import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "../trpc.ts";

export const agentsRouter = {
  /** The registered agents with their schemas as JSON Schema, for forms and docs. */
  list: protectedProcedure.query(({ ctx }) =>
    ctx.deps.engine.registry.list().map((agent) => ({
      name: agent.name,
      description: agent.description,
      sideEffects: agent.sideEffects,
      input: z.toJSONSchema(agent.input, { io: "input", unrepresentable: "any" }),
      output: z.toJSONSchema(agent.output, { unrepresentable: "any" }),
      options: z.toJSONSchema(agent.options, { io: "input", unrepresentable: "any" }),
    })),
  ),
} satisfies TRPCRouterRecord;
