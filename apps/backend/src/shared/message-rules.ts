/** The original Cruddur's limit, counted in characters as people see them. */
export const MESSAGE_MAX_CHARS = 280;

/**
 * Error codes for a crud, reply or direct message text. Length counts Unicode code points, not
 * UTF-16 units, so an emoji costs one character as it does in the form's counter.
 */
export function messageErrorCodes(message: string | undefined): string[] {
  if (message === undefined || message.trim() === '') return ['message_blank'];
  if ([...message].length > MESSAGE_MAX_CHARS) return ['message_exceed_max_chars'];
  return [];
}
