import { useCallback, useEffect, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; code: string } | { kind: 'ready'; value: T };

/** Loads on mount (and on `reload()`); a failure keeps the server's code for the message. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): [Loaded<T>, () => Promise<void>, (v: T) => void] {
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
  return [state, reload, (value: T) => setState({ kind: 'ready', value })];
}
