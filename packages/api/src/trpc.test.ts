import { startRunInputSchema } from "@tiktok-army/core/model";
import { DataError, invalidField } from "@tiktok-army/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type Context, createTRPCRouter, publicProcedure } from "./trpc.ts";

// A router of the API's own procedures' kind, answered as a client sees it: through the HTTP
// adapter, so that the error formatter shapes every answer.
const router = createTRPCRouter({
  start: publicProcedure.input(startRunInputSchema).mutation(() => "started"),
  refuse: publicProcedure
    .input(z.object({ kind: z.enum(["field", "schema", "other", "crash"]) }))
    .mutation(({ input }) => {
      if (input.kind === "field")
        throw invalidField("params.campaignId", "no succeeded campaign_launch run to take it from");
      if (input.kind === "schema") {
        // As the data layer's parseInput refuses an input: the zod error is the cause.
        const refused = z
          .object({
            handle: z
              .string()
              .min(2)
              .regex(/^[a-z]/),
            params: z.object({ tags: z.array(z.string()) }),
          })
          .safeParse({ handle: "_", params: { tags: ["ok", 7] } }).error;
        throw new DataError("invalid_input", "refused", "handle", { cause: refused });
      }
      if (input.kind === "other") throw new DataError("not_found", "No brief with id 'b1'");
      throw new Error("the disk is on fire");
    }),
});

async function errorOf(path: string, input: unknown) {
  return errorOfBody(path, JSON.stringify(input));
}

async function errorOfBody(path: string, body: string) {
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    router,
    req: new Request(`http://api.test/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
    createContext: () => ({ workspace: undefined }) as unknown as Context,
  });
  const answer = (await response.json()) as { error: { message: string; data: Record<string, unknown> } };
  return answer.error;
}

describe("the error formatter", () => {
  it("gives every field zod refused its messages, by path, and lists them all in the message", async () => {
    const error = await errorOf("start", {
      slug: "Audit",
      handle: "!",
      targetType: "brand",
      notes: "x".repeat(4001),
    });
    expect(error.data.fieldErrors).toEqual({
      slug: ["slug must be lower_snake_case"],
      handle: ["handle must be 2–24 letters, digits, underscores or periods"],
      notes: ["notes must be at most 4000 characters"],
    });
    expect(error.data.field).toBe("slug");
    expect(error.message).toContain("handle: handle must be 2–24 letters");
    expect(error.data.code).toBe("BAD_REQUEST");
  });

  it("reads the data layer's zod refusal the same way: nested paths joined with dots, several messages a field", async () => {
    const error = await errorOf("refuse", { kind: "schema" });
    expect(error.data.fieldErrors).toEqual({
      handle: [expect.stringContaining(">=2"), expect.stringContaining("pattern")],
      "params.tags.1": [expect.stringContaining("expected string")],
    });
  });

  it("gives the field the data layer refused its reason, without the field's name in front", async () => {
    const error = await errorOf("refuse", { kind: "field" });
    expect(error.data.fieldErrors).toEqual({
      "params.campaignId": ["no succeeded campaign_launch run to take it from"],
    });
    expect(error.message).toBe("params.campaignId: no succeeded campaign_launch run to take it from");
  });

  it("refuses NUL bytes, lone surrogates and deep JSON in any input before its schema, naming the field", async () => {
    const start = { slug: "competitor_scan", handle: "laku", targetType: "brand" };
    const nul = await errorOf("start", { ...start, notes: "hi\u0000" });
    expect(nul.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { notes: ["must not contain a NUL character (\\u0000)"] },
    });
    expect(nul.message).toBe("notes: must not contain a NUL character (\\u0000)");
    const surrogate = await errorOf("start", { ...start, params: { competitors: ["\uD800"] } });
    expect(surrogate.data.fieldErrors).toEqual({
      "params.competitors.0": ["must not contain an unpaired UTF-16 surrogate"],
    });
    // Sent as text: JSON.stringify itself would recurse 10000 deep.
    const deep = await errorOfBody("start", `{"params":{"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`);
    expect(deep.data).toMatchObject({
      code: "BAD_REQUEST",
      field: expect.stringMatching(/^params\.x\.0\.0/),
    });
    expect(deep.message).toContain("must not nest deeper than 32 levels");
  });

  it("has no field errors for refusals of no field, and hides internal errors", async () => {
    expect((await errorOf("refuse", { kind: "other" })).data).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: {},
    });
    const crash = await errorOf("refuse", { kind: "crash" });
    expect(crash.message).toBe("Internal server error");
    expect(crash.data.fieldErrors).toEqual({});
    expect(crash.data.stack).toBeUndefined();
  });
});
