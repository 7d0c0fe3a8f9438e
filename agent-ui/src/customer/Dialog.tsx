import { useEffect, useRef } from 'preact/hooks';

/**
 * A modal on the browser's own `<dialog>`: the page behind is inert, Tab stays inside, Escape
 * closes, and focus returns to where it was. Its content scrolls at any zoom.
 */
export function Dialog({ labelledBy, onClose, children }: { labelledBy: string; onClose(): void; children: preact.ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const returnTo = document.activeElement as HTMLElement | null;
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', ''); // jsdom
    return () => returnTo?.focus?.();
  }, []);
  return (
    <dialog
      ref={ref}
      class="sheet"
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
