import { useParams } from 'react-router-dom';

/**
 * The handle from a `/@handle` segment. Routers match whole segments only, so the route is
 * `/:segment` and the `@` is checked here; undefined means "not a user path".
 */
export function useHandleParam(): string | undefined {
  const segment = useParams().segment ?? '';
  return segment.startsWith('@') && segment.length > 1 ? segment.slice(1) : undefined;
}
