import { PushAction } from './push-rule.types';

export interface ActionSummary {
  notify: boolean;
  highlight: boolean;
  sound?: string;
}

/**
 * What a list of actions means. "If a `highlight` tweak is given with no value, its value is
 * defined to be `true`. If no highlight tweak is given at all then the value of `highlight` is
 * defined to be false." When a tweak is set twice, the later one wins, as with a dictionary.
 */
export function summariseActions(actions: readonly PushAction[]): ActionSummary {
  let notify = false;
  let highlight = false;
  let sound: string | undefined;
  for (const action of actions) {
    if (action === 'notify') notify = true;
    else if (typeof action === 'string') continue;
    else if (action.set_tweak === 'highlight')
      highlight = action.value === undefined || action.value === true;
    else if (action.set_tweak === 'sound')
      sound = typeof action.value === 'string' ? action.value : undefined;
  }
  return sound === undefined ? { notify, highlight } : { notify, highlight, sound };
}
