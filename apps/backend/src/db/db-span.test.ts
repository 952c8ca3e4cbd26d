import { describe, expect, it } from 'vitest';
import { statementFields } from './db-span.js';

describe('statementFields', () => {
  it('names the operation and sanitizes the text, once per statement text', () => {
    const sql = "SELECT * FROM users WHERE handle = 'worf' AND id = $1";
    const first = statementFields(sql);
    expect(first).toEqual({
      operation: 'SELECT',
      sanitized: 'SELECT * FROM users WHERE handle = ? AND id = $1',
    });
    // The same text is not scanned again: the same description comes back.
    expect(statementFields(sql)).toBe(first);
  });

  it('stays right past its bound, when any number of texts come through', () => {
    for (let i = 0; i < 1_000; i++) {
      expect(statementFields(`  insert into t values (${i}, 'x${i}')`)).toEqual({
        operation: 'INSERT',
        sanitized: '  insert into t values (?, ?)',
      });
    }
  });
});
