import { describe, expect, it } from "vitest";
import { errorCode, fieldError, formError } from "./api-error.ts";

const handleError = {
  message: "handle: handle must be 2–24 letters, digits, underscores or periods",
  data: { code: "BAD_REQUEST", field: "handle" },
};

describe("fieldError", () => {
  it("gives the message without its field prefix to the field the API named", () => {
    expect(fieldError(handleError, "handle")).toBe(
      "handle must be 2–24 letters, digits, underscores or periods",
    );
  });

  it("gives nothing to other fields", () => {
    expect(fieldError(handleError, "notes")).toBeUndefined();
    expect(fieldError(null, "handle")).toBeUndefined();
  });

  it("counts a path inside a field as that field", () => {
    const error = { message: "editedValue.0: must be a string", data: { field: "editedValue.0" } };
    expect(fieldError(error, "editedValue")).toBe("must be a string");
  });

  it("keeps only this field's part of a message about several fields", () => {
    const error = { message: "handle: too long; notes: too long", data: { field: "handle" } };
    expect(fieldError(error, "handle")).toBe("too long");
  });
});

describe("formError", () => {
  it("is the message when no listed field shows the error", () => {
    expect(formError({ message: "No brief with id 'x'", data: { field: "briefId" } }, ["handle"])).toBe(
      "No brief with id 'x'",
    );
  });

  it("is undefined when a field shows it", () => {
    expect(formError(handleError, ["handle", "notes"])).toBeUndefined();
  });
});

describe("errorCode", () => {
  it("reads the tRPC code of an error and nothing of other values", () => {
    expect(errorCode(handleError)).toBe("BAD_REQUEST");
    expect(errorCode(new Error("x"))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
