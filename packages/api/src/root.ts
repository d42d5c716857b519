import { agentsRouter } from "./routers/agents.ts";
import { approvalsRouter } from "./routers/approvals.ts";
import { briefsRouter } from "./routers/briefs.ts";
import { connectionsRouter } from "./routers/connections.ts";
import { keysRouter } from "./routers/keys.ts";
import { runsRouter } from "./routers/runs.ts";
import { workflowsRouter } from "./routers/workflows.ts";
import { createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  workflows: workflowsRouter,
  runs: runsRouter,
  approvals: approvalsRouter,
  briefs: briefsRouter,
  agents: agentsRouter,
  keys: keysRouter,
  connections: connectionsRouter,
});
export type AppRouter = typeof appRouter;
