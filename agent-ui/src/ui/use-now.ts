// A clock for countdowns: re-renders the component every `everyMs` while `active`. Views take
// the time from here and pass it to pure functions, which tests call with any time they like.
import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 250, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs, active]);
  return now;
}
