import type { BriefOutcome, TargetType } from "@tiktok-army/core/model";
import type {
  BriefOutcome as BriefOutcomeColumn,
  TargetType as TargetTypeColumn,
} from "./generated/prisma/enums.ts";

// The database's enums hold the model's lists (BRIEF_OUTCOMES, TARGET_TYPES in core/model): these
// types stop compiling when either side gains a value the other lacks. The migration test compares
// the outcomes' order with the database's.
type Same<A, B> = [A, B] extends [B, A] ? true : false;
type Holds<T extends true> = T;
export type ModelEnumsMatch = [
  Holds<Same<BriefOutcome, BriefOutcomeColumn>>,
  Holds<Same<TargetType, TargetTypeColumn>>,
];
