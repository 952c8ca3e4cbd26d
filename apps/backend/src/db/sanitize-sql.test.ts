import { describe, expect, it } from 'vitest';
import { sanitizeSql } from './sanitize-sql.js';

describe('sanitizeSql', () => {
  it('keeps placeholders, identifiers and casts', () => {
    const sql = 'SELECT a.uuid, col1 FROM t1 a WHERE a.uuid = $1::uuid AND x = ANY($12)';
    expect(sanitizeSql(sql)).toBe(sql);
  });

  it('replaces string and number literals, including doubled quotes', () => {
    expect(sanitizeSql("SELECT * FROM users WHERE handle = 'o''brien' LIMIT 10 OFFSET -2.5")).toBe(
      'SELECT * FROM users WHERE handle = ? LIMIT ? OFFSET ?',
    );
  });

  it('leaves quoted identifiers alone', () => {
    expect(sanitizeSql('SELECT "Weird Name" FROM "t2"')).toBe('SELECT "Weird Name" FROM "t2"');
  });
});
