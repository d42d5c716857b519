import type { AppRouter, RouterInputs, RouterOutputs } from "@tiktok-army/api";
import { createTRPCReact } from "@trpc/react-query";

/** The typed React hooks of the API. Only the router's type is imported: no server code is bundled. */
export const trpc = createTRPCReact<AppRouter>();

export type { RouterInputs, RouterOutputs };
export type RunView = RouterOutputs["runs"]["get"];
export type RunStep = RunView["steps"][number];
export type StepDetail = RouterOutputs["runs"]["step"];
export type TraceEntry = StepDetail["trace"][number];
export type Approval = RouterOutputs["approvals"]["list"][number];
export type Workflow = RouterOutputs["workflows"]["list"][number];
export type Brief = RouterOutputs["briefs"]["list"][number];
