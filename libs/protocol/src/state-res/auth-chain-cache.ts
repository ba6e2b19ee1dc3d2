/**
 * What state resolution learns about events that does not change between resolutions: an event's
 * ID fixes its auth_events. Callers that resolve repeatedly in a room keep one cache and pass it in
 * (ResolveStateOptions.authChainCache); it only grows, so its owner decides how long it lives.
 */
export class AuthChainCache {
  /** Event ID to the IDs of its auth events (v1/v2 references reduced to their IDs). */
  readonly authEdges = new Map<string, readonly string[]>();
  /** Event ID to, per event type, its auth event of that type with an empty state key, or null. */
  readonly singletonEdges = new Map<string, Map<string, string | null>>();
}
