import { MESSAGE_MAX_CHARS, messageLength } from '../lib/message-length.js';

/** `n/280`, turning red past the limit; announced politely to screen readers. */
export function CharacterCounter({ message }: { message: string }) {
  const length = messageLength(message);
  const over = length > MESSAGE_MAX_CHARS;
  return (
    <span
      className={over ? 'counter counter-over' : 'counter'}
      data-testid="character-counter"
      aria-live="polite"
    >
      {length}/{MESSAGE_MAX_CHARS}
    </span>
  );
}
