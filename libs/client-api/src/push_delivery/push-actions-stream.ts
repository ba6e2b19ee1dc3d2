/**
 * The notifier stream on which the push evaluator publishes the events-stream position up to which
 * every event's push actions are stored.
 */
export const PUSH_ACTIONS_STREAM = 'push_actions';
