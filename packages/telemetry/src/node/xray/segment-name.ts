/** Characters X-Ray allows in a (sub)segment name; everything else is removed. */
const NOT_ALLOWED = /[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu;
const MAX_NAME_LENGTH = 200;

/**
 * A name X-Ray accepts: only letters, digits, whitespace and `_ . : / % & # = + \ - @`, at most
 * 200 characters; `span` when nothing is left.
 *
 * @example
 * segmentName('GET /api/activities/@:handle'); // 'GET /api/activities/@:handle'
 * segmentName('pg.query:SELECT "cruddur"'); // 'pg.query:SELECT cruddur'
 */
export function segmentName(raw: string): string {
  const name = raw.replace(NOT_ALLOWED, '').slice(0, MAX_NAME_LENGTH).trim();
  return name === '' ? 'span' : name;
}

/**
 * Compiles an X-Ray SDK naming pattern (`AWS_XRAY_URL`, e.g. `*4567-*.gitpod.io*`): `*` matches
 * any run of characters, `?` exactly one, the rest literally, case-insensitively, whole string.
 *
 * @example
 * wildcardPattern('*.example.com').test('api.Example.com'); // true
 */
export function wildcardPattern(pattern: string): RegExp {
  const source = [...pattern]
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'is');
}
