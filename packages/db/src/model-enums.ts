import type { TargetType } from "@tiktok-army/core/model";
import type { TargetType as TargetTypeColumn } from "./generated/prisma/enums.ts";

// The database's enum holds the model's list (TARGET_TYPES in core/model): this type stops compiling
// when either side gains a value the other lacks. Brief outcomes are the database's enum alone
// (BRIEF_OUTCOMES in briefs.ts), each checked to name a seeded workflow.
type Same<A, B> = [A, B] extends [B, A] ? true : false;
type Holds<T extends true> = T;
export type ModelEnumsMatch = [Holds<Same<TargetType, TargetTypeColumn>>];
