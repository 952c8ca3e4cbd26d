import { useState } from 'react';
import { ErrorBanner } from '../../shared/error-banner.js';
import { type ITEM_STATUSES, setItemStatus } from './error-api.js';

type ItemStatus = (typeof ITEM_STATUSES)[number];

const ACTION: Record<ItemStatus, string> = {
  resolved: 'Resolve',
  muted: 'Mute',
  active: 'Reactivate',
};

/** Resolve / Mute / Reactivate for one item; a refused change is shown, not swallowed. */
export function ItemStatusButtons({
  itemId,
  status,
  onChanged,
}: {
  readonly itemId: number;
  readonly status: string;
  readonly onChanged: () => void;
}) {
  const [error, setError] = useState<Error>();
  const change = (next: ItemStatus) => {
    setError(undefined);
    setItemStatus(itemId, next).then(onChanged, (e: unknown) =>
      setError(e instanceof Error ? e : new Error(String(e))),
    );
  };
  return (
    <>
      {(['resolved', 'muted', 'active'] as const)
        .filter((next) => next !== status)
        .map((next) => (
          <button key={next} type="button" onClick={() => change(next)}>
            {ACTION[next]}
          </button>
        ))}
      {error ? <ErrorBanner error={error} /> : null}
    </>
  );
}
