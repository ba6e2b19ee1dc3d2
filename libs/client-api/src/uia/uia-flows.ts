/**
 * The flow rules of client-server-api "User-Interactive Authentication API", over the stages a
 * session has completed, in order. "The client is free to choose which flow it follows, however
 * the flow's stages must be completed in order ... When all stages in a flow are complete,
 * authentication is complete".
 */
export type Flows = readonly (readonly string[])[];

/** Whether `stage` is the next stage of some flow whose first stages are `completed`. */
export function isNextStage(flows: Flows, completed: readonly string[], stage: string): boolean {
  return flows.some((flow) => startsWith(flow, completed) && flow[completed.length] === stage);
}

export function isFlowComplete(flows: Flows, completed: readonly string[]): boolean {
  return flows.some((flow) => flow.length === completed.length && startsWith(flow, completed));
}

export function offersStage(flows: Flows, stage: string): boolean {
  return flows.some((flow) => flow.includes(stage));
}

function startsWith(flow: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= flow.length && prefix.every((stage, i) => flow[i] === stage);
}
