import '../staff/dialog.css';
import './ui.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive action gets the danger style. */
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question before an action that is hard to undo (disable, revoke, reset). The native
 * `<dialog>` opened with `showModal()` keeps focus inside, makes the page behind inert and
 * closes on Escape; focus returns to where it was.
 */
export function ConfirmDialog(p: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const returnTo = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // The safe answer has the focus first: Enter on a stray key press does not destroy.
    cancelRef.current?.focus();
    return () => returnTo?.focus?.();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        p.onCancel();
      }}
    >
      <h2 id="confirm-title">{p.title}</h2>
      <div id="confirm-body">{p.children}</div>
      <div class="dialog-actions">
        <button type="button" ref={cancelRef} onClick={p.onCancel}>
          {p.cancelLabel}
        </button>
        <button type="button" class={p.danger ? 'danger' : 'primary'} aria-disabled={p.busy ? 'true' : undefined} onClick={() => !p.busy && p.onConfirm()}>
          {p.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
