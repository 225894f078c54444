export interface Subscriber {
  /** Queues the latest value under a key; an unread older value of the same key is replaced. */
  push(key: string, value: unknown): void;
  /** Completes the iterator (e.g. on server close). */
  end(): void;
}

/**
 * A per-subscriber queue that never grows beyond one entry per key: a slow client gets the latest
 * state of each run rather than every intermediate one.
 */
export function createSubscriber<T>(onClose: () => void): Subscriber & { iterator: AsyncIterableIterator<T> } {
  const pending = new Map<string, T>();
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;

  const finish = () => {
    if (done) return;
    done = true;
    pending.clear();
    onClose();
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
  };

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (done) return Promise.resolve({ value: undefined, done: true });
      const first = pending.entries().next();
      if (!first.done) {
        const [key, value] = first.value;
        pending.delete(key);
        return Promise.resolve({ value, done: false });
      }
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error) {
      finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };

  return {
    iterator,
    push(key, value) {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: value as T, done: false });
        return;
      }
      pending.delete(key);
      pending.set(key, value as T);
    },
    end: finish,
  };
}
