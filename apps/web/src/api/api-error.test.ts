import { describe, expect, it } from "vitest";
import { errorCode, fieldError, formError } from "./api-error.ts";

const handleError = {
  message: "handle: handle must be 2–24 letters, digits, underscores or periods",
  data: {
    code: "BAD_REQUEST",
    fieldErrors: { handle: ["handle must be 2–24 letters, digits, underscores or periods"] },
  },
};

describe("fieldError", () => {
  it("gives a field the messages the API listed for it", () => {
    expect(fieldError(handleError, "handle")).toBe(
      "handle must be 2–24 letters, digits, underscores or periods",
    );
  });

  it("gives nothing to other fields, or without an error", () => {
    expect(fieldError(handleError, "notes")).toBeUndefined();
    expect(fieldError(null, "handle")).toBeUndefined();
    expect(fieldError({ message: "boom", data: null }, "handle")).toBeUndefined();
  });

  it("counts a path inside a field as that field, but not a field that merely starts with its name", () => {
    const error = {
      message: "editedValue.0: must be a string",
      data: { fieldErrors: { "editedValue.0": ["must be a string"], editedValueNote: ["too long"] } },
    };
    expect(fieldError(error, "editedValue")).toBe("must be a string");
  });

  it("shows each field only its own messages when several fields were refused", () => {
    const error = {
      message: "handle: too short; notes: too long",
      data: { fieldErrors: { handle: ["too short", "bad characters"], notes: ["too long"] } },
    };
    expect(fieldError(error, "handle")).toBe("too short bad characters");
    expect(fieldError(error, "notes")).toBe("too long");
  });
});

describe("formError", () => {
  it("is the message when no listed field shows a part of the error", () => {
    const error = {
      message: "No brief with id 'x'",
      data: { fieldErrors: { briefId: ["No brief with id 'x'"] } },
    };
    expect(formError(error, ["handle"])).toBe("No brief with id 'x'");
    expect(formError({ message: "Internal server error", data: { fieldErrors: {} } }, ["handle"])).toBe(
      "Internal server error",
    );
  });

  it("is undefined when the listed fields show all of it", () => {
    expect(formError(handleError, ["handle", "notes"])).toBeUndefined();
  });

  it("names the refused fields the form does not show when it shows others", () => {
    const error = {
      message: "handle: too short; slug: unknown",
      data: { fieldErrors: { handle: ["too short"], slug: ["unknown"] } },
    };
    expect(formError(error, ["handle"])).toBe("slug: unknown");
  });
});

describe("errorCode", () => {
  it("reads the tRPC code of an error and nothing of other values", () => {
    expect(errorCode(handleError)).toBe("BAD_REQUEST");
    expect(errorCode(new Error("x"))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
