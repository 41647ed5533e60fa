import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { data: T | null; error: unknown; loading: boolean; reload: () => void };

/** Loads data for a screen and reloads on demand; the last error is kept for display. */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setLoading(true);
    run().then(
      (d) => { if (live) { setData(d); setError(null); setLoading(false); } },
      (e: unknown) => { if (live) { setError(e); setLoading(false); } },
    );
    return () => { live = false; };
  }, [run, tick]);
  return { data, error, loading, reload: () => setTick((x) => x + 1) };
}
