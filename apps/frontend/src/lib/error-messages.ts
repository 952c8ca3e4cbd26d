import { ApiError } from './api-error.js';

/** What each API error code means to a person; unknown codes are shown as they are. */
const MESSAGES: Record<string, string> = {
  message_blank: 'Write something first.',
  message_exceed_max_chars: 'That is longer than 280 characters.',
  ttl_blank: 'Choose how long the crud lives.',
  ttl_invalid: 'That time-to-live is not one of the choices.',
  handle_blank: 'Enter your handle.',
  user_handle_blank: 'Sign in first.',
  user_not_found: 'There is no user with that handle.',
  activity_not_found: 'That crud no longer exists (it may have expired).',
  user_receiver_handle_blank: 'Who is the message for?',
  user_receiver_handle_self: 'You cannot message yourself.',
  not_signed_in: 'Sign in first.',
  network_error: 'Could not reach the Cruddur API. Is it running?',
};

export function describeErrorCode(code: string): string {
  return MESSAGES[code] ?? code.replaceAll('_', ' ');
}

/** An error as lines for a person: the API's codes described, or else the error's message. */
export function errorLines(error: Error): string[] {
  return error instanceof ApiError && error.codes.length > 0
    ? error.codes.map(describeErrorCode)
    : [error.message];
}
