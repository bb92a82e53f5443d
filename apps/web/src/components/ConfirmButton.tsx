import type { ReactNode } from 'react';
import { useModalDialog } from './modal-dialog';

/**
 * A button whose action (a delete, a removal) runs only once confirmed in a modal dialog that names
 * what goes. The native <dialog> opened with showModal(): the browser keeps focus inside it, Esc
 * closes it, and it is announced as a dialog with its question as its name — unlike window.confirm,
 * it can be styled, read in Vietnamese and tested.
 */
export function ConfirmButton(props: {
  /** The button's text ("Xóa"), and the confirming button's unless `confirmLabel` is given. */
  children: ReactNode;
  /** The question, naming what goes: "Xóa mục chương trình «Khai mạc»?" */
  question: string;
  /** What else happens, when worth saying. */
  detail?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
}) {
  const { open, setOpen, dialog, titleId } = useModalDialog();
  const confirmLabel = props.confirmLabel ?? (typeof props.children === 'string' ? props.children : 'Đồng ý');
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'danger link'}
        aria-label={props['aria-label']}
        aria-haspopup="dialog"
        disabled={props.disabled}
        onClick={() => setOpen(true)}
      >
        {props.children}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {open && (
          <form method="dialog">
            <p id={titleId} className="confirm-question">
              {props.question}
            </p>
            {props.detail && <p className="muted">{props.detail}</p>}
            <div className="buttons">
              <button type="submit" value="cancel" className="secondary" autoFocus>
                {props.cancelLabel ?? `Không ${confirmLabel.toLocaleLowerCase('vi')}`}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setOpen(false);
                  props.onConfirm();
                }}
              >
                {confirmLabel}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
