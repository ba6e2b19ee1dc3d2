/**
 * The notifier streams of the ephemeral data handed to application services. client-api owns
 * them (TYPING_STREAM, RECEIPTS_STREAM, ...) and this lib may not import it, so the keys are
 * repeated here; they are the keys of /sync tokens too, and never change.
 */
export const RECEIPTS_STREAM = 'receipts';
export const PRESENCE_STREAM = 'presence';
export const TO_DEVICE_STREAM = 'to_device';
export const DEVICE_LISTS_STREAM = 'device_lists';
