/** Reserved agent name of a human approval gate step. */
export const APPROVAL_NODE = "__approval__";
/** Reserved agent name of the final step where the model writes the run's Markdown report. */
export const SYNTHESIS_NODE = "__synthesis__";
