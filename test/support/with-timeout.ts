/**
 * The promise's outcome, or a rejection naming `what` after `ms`; the timer is cleared either way, so
 * a finished test leaves nothing running (jest otherwise waits for it after the run).
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string | (() => string),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const named = typeof what === 'string' ? what : what();
          reject(new Error(`${named} took over ${ms} ms`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
