/** The API's limit for cruds, replies and messages. */
export const MESSAGE_MAX_CHARS = 280;

/** Counted in code points, as the API counts, so an emoji is one character, not two. */
export function messageLength(message: string): number {
  return [...message].length;
}

/** The problem with a draft before it is sent, or undefined when it may be sent. */
export function draftProblem(message: string): string | undefined {
  if (message.trim() === '') return 'Write something first.';
  const over = messageLength(message) - MESSAGE_MAX_CHARS;
  if (over > 0) return `${over} ${over === 1 ? 'character' : 'characters'} too many.`;
  return undefined;
}
