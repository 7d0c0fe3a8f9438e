// A minimal path router for the staff app: the current location in a signal, `navigate` to
// change it, history kept in sync. What each path shows is decided in routes.ts.
import { signal } from '@preact/signals';

export interface Where {
  path: string;
  search: string;
}

function here(): Where {
  return { path: window.location.pathname, search: window.location.search };
}

export const where = signal<Where>(here());

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  where.value = here();
}

/** Follows the back and forward buttons; returns a function that stops. */
export function startRouter(): () => void {
  const onPop = () => (where.value = here());
  window.addEventListener('popstate', onPop);
  where.value = here();
  return () => window.removeEventListener('popstate', onPop);
}

/**
 * A click handler for in-app links: plain left clicks navigate without a page load; modified
 * clicks (new tab, new window) keep the browser's behaviour.
 */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!a?.href || a.origin !== window.location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
}
