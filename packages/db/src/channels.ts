/** NOTIFY channel carrying a run id whenever that run's events change; API processes listen to it. */
export const RUN_EVENTS_CHANNEL = "tiktok_army_run_events";
/** NOTIFY channel that wakes workers when step jobs were enqueued. */
export const STEP_JOBS_CHANNEL = "tiktok_army_step_jobs";
/** NOTIFY channel carrying a run id when that run is cancelled; workers abort its attempts in flight. */
export const RUN_CANCELLED_CHANNEL = "tiktok_army_run_cancelled";
