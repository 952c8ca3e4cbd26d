import { describe, expect, it } from 'vitest';
import { draftProblem, MESSAGE_MAX_CHARS, messageLength } from './message-length.js';

describe('message length', () => {
  it('counts code points, as the API does', () => {
    expect(messageLength('🖖🖖')).toBe(2);
    expect('🖖🖖'.length).toBe(4);
  });

  it('accepts exactly 280 characters and refuses 281', () => {
    expect(draftProblem('x'.repeat(MESSAGE_MAX_CHARS))).toBeUndefined();
    expect(draftProblem('x'.repeat(MESSAGE_MAX_CHARS + 1))).toBe('1 character too many.');
  });

  it('refuses blank drafts', () => {
    expect(draftProblem('')).toBe('Write something first.');
    expect(draftProblem(' \n\t')).toBe('Write something first.');
  });
});
