import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { data: T | null; error: unknown; loading: boolean; reload: () => void };

/**
 * Loads data for a screen. `load` must be stable (wrap it in useCallback): a new function means new data.
 * While reloading, the previous data stays on screen.
 */
export function useLoader<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; done: boolean }>({
    data: null,
    error: null,
    done: false,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ data, error: null, done: true });
      },
      (error: unknown) => {
        if (live) setState((s) => ({ data: s.data, error, done: true }));
      },
    );
    return () => {
      live = false;
    };
  }, [load, tick]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data: state.data, error: state.error, loading: !state.done, reload };
}
