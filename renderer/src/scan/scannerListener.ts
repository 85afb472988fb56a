import { createBurstDetector, type ScannerOptions } from './scanner.js';

/** A text field whose value we may have to put back after a scan typed into it. */
type Editable = HTMLInputElement | HTMLTextAreaElement;

interface Snapshot {
  readonly element: Editable;
  readonly value: string;
  readonly selectionStart: number | null;
  readonly selectionEnd: number | null;
}

function editableTarget(el: Element | null): Editable | null {
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'image', 'range', 'color'].includes(el.type)) {
    return el;
  }
  return null;
}

function selectionOf(el: Editable): [number | null, number | null] {
  try {
    return [el.selectionStart, el.selectionEnd];
  } catch {
    return [null, null]; // type=number and friends have no selection API
  }
}

/**
 * Sets a field's value the way typing does, so React's onChange sees it (React tracks the
 * value through the prototype's setter; assigning `el.value` directly would be ignored).
 */
export function setFieldValue(el: Editable, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens for scanner bursts on the whole window, in the capture phase, so a scan lands in the
 * sale wherever the focus is and no visible field is needed. When the burst was typed into a
 * text field, the field gets its value back and the Enter never reaches it (no form submit,
 * no button click).
 */
export function attachScanner(win: Window, onScan: (code: string) => void, options: Partial<ScannerOptions> = {}): () => void {
  const detector = createBurstDetector(options);
  let snapshot: Snapshot | null = null;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const verdict = detector.push({ key: e.key, code: e.code, time: e.timeStamp, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, shiftKey: e.shiftKey });
    if (verdict.kind === 'start') {
      const el = editableTarget(win.document.activeElement);
      if (el) {
        const [selectionStart, selectionEnd] = selectionOf(el);
        snapshot = { element: el, value: el.value, selectionStart, selectionEnd };
      } else {
        snapshot = null;
      }
      return;
    }
    if (verdict.kind === 'continue' && ([...e.key].length !== 1 || e.ctrlKey || e.altKey)) {
      // A control key or chord inside a burst (Tab, Backspace, Ctrl+] for GS, an Alt code)
      // came from the scanner: it must not move the focus, edit the field or open a menu.
      e.preventDefault();
      return;
    }
    if (verdict.kind !== 'scan') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const saved = snapshot;
    snapshot = null;
    if (saved && saved.element.value !== saved.value) {
      setFieldValue(saved.element, saved.value);
      if (saved.selectionStart !== null) {
        try {
          saved.element.setSelectionRange(saved.selectionStart, saved.selectionEnd);
        } catch {
          // not every input type supports a selection
        }
      }
    }
    onScan(verdict.code);
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  return () => win.removeEventListener('keydown', onKeyDown, { capture: true });
}
