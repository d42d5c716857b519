import type { TraceRecorder } from "../runner/trace.ts";
import type { TikTokDataProvider } from "./provider.ts";

/** What the runner knows when it picks the provider for one step. */
export interface DataScope {
  /** The run's workspace: its connections decide which account a handle reads. */
  workspaceId: string;
  /** The step's recorder, so the provider can record each TikTok API call in the step's trace. */
  trace: TraceRecorder;
}

/** Picks the data provider for one step; the engine's composition root decides how. */
export type DataFor = (scope: DataScope) => TikTokDataProvider;

/** The same provider for every step, e.g. the offline one: what tests and the demo use. */
export function fixedData(provider: TikTokDataProvider): DataFor {
  return () => provider;
}
