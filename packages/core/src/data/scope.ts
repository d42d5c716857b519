import type { TraceRecorder } from "../runner/trace.ts";

/**
 * What a port is resolved for: the workspace whose connections it may use and the step's trace,
 * so every TikTok call the port makes is recorded where the step's reader looks.
 */
export interface DataScope {
  workspaceId: string;
  trace: TraceRecorder;
}
