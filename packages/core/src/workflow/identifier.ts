import { z } from "zod";

/** Workflow slugs and step keys: lower_snake_case, starting with a letter. */
export const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A workflow's slug as callers send it (a brief's outcome names one too). */
export const slugSchema = z.string().regex(IDENTIFIER, "slug must be lower_snake_case").max(64);

/** A step's key as callers send it. */
export const stepKeySchema = z.string().regex(IDENTIFIER, "stepKey must be lower_snake_case").max(64);
