import { useCallback, useEffect, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; code: string } | { kind: 'ready'; value: T };

/** Loads once on mount (and again on `reload()`); failures keep the server's code. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): [Loaded<T>, () => Promise<void>] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const reload = useCallback(async () => {
    try {
      setState({ kind: 'ready', value: await load() });
    } catch (e) {
      setState({ kind: 'error', code: isApiError(e) ? e.code : 'generic' });
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [state, reload];
}
