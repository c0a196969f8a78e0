/**
 * The window's notices, as a short stack (review M2): each goes away by itself, an Undo after UNDO_MS and anything
 * else after INFO_MS; an error stays until dismissed. A notice's clock stops while the pointer or the focus is on
 * it (the Toasts component says when), so no one loses a notice, or its Undo, while reaching for it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export type ToastKind = 'info' | 'error' | 'undo';

export interface ToastInput {
  text: string;
  /** info by default; `undo` set makes it an undo notice. */
  kind?: ToastKind;
  undo?: () => void;
  /** Called once when the notice goes by itself or is closed, not when its Undo is pressed. */
  onExpire?: () => void;
}

export interface ToastItem {
  id: number;
  text: string;
  kind: ToastKind;
  undo?: () => void;
}

export const INFO_MS = 3500;
export const UNDO_MS = 6000;
/** More at once would cover the window: the oldest goes when a fourth comes. */
export const MAX_TOASTS = 3;

interface Clock {
  /** Time left, counted only while running. */
  left: number;
  startedAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  onExpire?: () => void;
}

export interface Toasts {
  items: ToastItem[];
  push(toast: ToastInput): number;
  /** Closes it: an undo notice closed this way lets its action stand (onExpire). */
  dismiss(id: number): void;
  /** Its Undo was pressed: gone without onExpire. */
  undone(id: number): void;
  /** The pointer or focus is on the stack: every clock stops, and starts again with the time it had left. */
  hold(held: boolean): void;
}

export function useToasts(): Toasts {
  const [items, setItems] = useState<ToastItem[]>([]);
  const clocks = useRef(new Map<number, Clock>());
  const nextId = useRef(1);
  const held = useRef(false);

  const remove = useCallback((id: number, expire: boolean) => {
    const clock = clocks.current.get(id);
    if (clock?.timer) clearTimeout(clock.timer);
    clocks.current.delete(id);
    setItems((current) => current.filter((item) => item.id !== id));
    if (expire) clock?.onExpire?.();
  }, []);

  const run = useCallback(
    (id: number, clock: Clock) => {
      if (!Number.isFinite(clock.left)) return;
      clock.startedAt = Date.now();
      clock.timer = setTimeout(() => remove(id, true), clock.left);
    },
    [remove],
  );

  const push = useCallback(
    (toast: ToastInput): number => {
      const id = nextId.current++;
      const kind: ToastKind = toast.undo ? 'undo' : (toast.kind ?? 'info');
      const clock: Clock = { left: kind === 'error' ? Infinity : kind === 'undo' ? UNDO_MS : INFO_MS, startedAt: 0, timer: null, onExpire: toast.onExpire };
      clocks.current.set(id, clock);
      if (!held.current) run(id, clock);
      setItems((current) => {
        const next = [...current, { id, text: toast.text, kind, undo: toast.undo }];
        // The oldest make way; an undo notice that goes lets its action stand.
        for (const gone of next.slice(0, Math.max(0, next.length - MAX_TOASTS))) queueMicrotask(() => remove(gone.id, true));
        return next;
      });
      return id;
    },
    [run, remove],
  );

  const hold = useCallback(
    (on: boolean) => {
      if (held.current === on) return;
      held.current = on;
      for (const [id, clock] of clocks.current) {
        if (on && clock.timer) {
          clearTimeout(clock.timer);
          clock.timer = null;
          clock.left = Math.max(0, clock.left - (Date.now() - clock.startedAt));
        } else if (!on && !clock.timer) run(id, clock);
      }
    },
    [run],
  );

  useEffect(() => {
    const all = clocks.current;
    return () => all.forEach((clock) => clock.timer && clearTimeout(clock.timer));
  }, []);

  const dismiss = useCallback((id: number) => remove(id, true), [remove]);
  const undone = useCallback((id: number) => remove(id, false), [remove]);
  return useMemo(() => ({ items, push, dismiss, undone, hold }), [items, push, dismiss, undone, hold]);
}
