/**
 * Waits for `work`, but not past `deadline` (epoch ms): a shutdown must end even when a backend
 * never answers. The work itself goes on; only the wait is cut short.
 *
 * @example
 * await withDeadline(provider.shutdown(), Date.now() + 5_000);
 */
export async function withDeadline(work: Promise<void>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  await Promise.race([work, expired]);
  clearTimeout(timer);
}
