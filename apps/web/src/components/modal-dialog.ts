import { RefObject, useEffect, useEffectEvent, useId, useRef, useState } from 'react';

/**
 * A native <dialog> shown modally while `open` (showModal: the browser keeps focus inside, Esc closes
 * it, it is announced as a dialog named by `titleId`). `onOpened` runs once it is shown, e.g. to move
 * focus somewhere other than its first button. The dialog's onClose should call `setOpen(false)`.
 */
export function useModalDialog(onOpened?: (element: HTMLDialogElement) => void): {
  open: boolean;
  setOpen: (open: boolean) => void;
  dialog: RefObject<HTMLDialogElement | null>;
  titleId: string;
} {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opened = useEffectEvent((element: HTMLDialogElement) => onOpened?.(element));
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      opened(element);
    }
    if (!open && element.open) element.close();
  }, [open]);
  return { open, setOpen, dialog, titleId };
}
