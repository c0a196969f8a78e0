/**
 * A button that opens a list of actions (the WAI-ARIA menu button pattern): Enter, Space or ↓ open it on its first
 * item, ↑ on its last; arrows, Home and End move; Enter runs an item; Esc closes it and gives the focus back to the
 * button, and so does a click elsewhere or Tab. The items are data, so another format or action is one more entry.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ChevronIcon } from './icons.tsx';
import { usePlacedUnder } from './keep-in-window.ts';
import './MenuButton.css';

export interface MenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  testId?: string;
  /** Items in a row with the same group are drawn under its name (a menu's "This page" and "Whole document"). */
  group?: string;
}

/** The items in runs of one group each (an item without a group is a run of its own kind), with each one's index. */
function runsOf(items: readonly MenuItem[]): Array<{ group: string | undefined; items: Array<{ item: MenuItem; index: number }> }> {
  const runs: Array<{ group: string | undefined; items: Array<{ item: MenuItem; index: number }> }> = [];
  items.forEach((item, index) => {
    const last = runs.at(-1);
    if (last && last.group === item.group) last.items.push({ item, index });
    else runs.push({ group: item.group, items: [{ item, index }] });
  });
  return runs;
}

interface Props {
  label: ReactNode;
  items: readonly MenuItem[];
  /** The button's accessible name where its label is not all text. */
  ariaLabel?: string;
  className?: string;
  testId?: string;
  /** -1 where the keyboard reaches the same actions another way (a list's header). */
  tabIndex?: number;
  /** A name shown on hover and focus, for a button whose label is an icon. */
  tip?: string;
}

export function MenuButton({ label, items, ariaLabel, className, testId, tabIndex, tip }: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const enabled = items.map((item, index) => (item.disabled ? -1 : index)).filter((index) => index >= 0);

  const show = (at: 'first' | 'last'): void => {
    setActive((at === 'first' ? enabled[0] : enabled.at(-1)) ?? 0);
    setOpen(true);
  };
  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  usePlacedUnder(open, button, menu);
  // The active item has the focus, so a screen reader says it and Enter runs it.
  useEffect(() => {
    if (open) menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);
  // A click anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const step = (by: number): void => {
    const at = enabled.indexOf(active);
    setActive(enabled[(at + by + enabled.length) % enabled.length] ?? active);
  };
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'ArrowDown') step(1);
    else if (event.key === 'ArrowUp') step(-1);
    else if (event.key === 'Home') setActive(enabled[0] ?? 0);
    else if (event.key === 'End') setActive(enabled.at(-1) ?? 0);
    else if (event.key === 'Escape') close(true);
    // The menu lives at the end of the page: Tab would leave for nowhere, so it goes back to the button.
    else if (event.key === 'Tab') close(true);
    else return;
    event.preventDefault();
    // Esc here is the menu's, not the result's (which would leave for the list).
    event.stopPropagation();
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className={`menu-button${className ? ` ${className}` : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        data-testid={testId}
        data-tip={tip}
        tabIndex={tabIndex}
        onClick={() => (open ? close(false) : show('first'))}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          show(event.key === 'ArrowDown' ? 'first' : 'last');
        }}
      >
        {label}
        <ChevronIcon />
      </button>
      {open &&
        createPortal(
          <div ref={menu} id={id} className="menu" role="menu" aria-label={ariaLabel ?? (typeof label === 'string' ? label : undefined)} onKeyDown={onMenuKey}>
            {runsOf(items).map((run, r) => {
              const buttons = run.items.map(({ item, index }) => (
                <button
                  key={item.id}
                  type="button"
                  role="menuitem"
                  tabIndex={index === active ? 0 : -1}
                  disabled={item.disabled}
                  data-testid={item.testId}
                  onClick={() => {
                    close(true);
                    item.onSelect();
                  }}
                >
                  {item.label}
                </button>
              ));
              if (run.group === undefined) return buttons;
              // A named group: a screen reader says its name on entering it; the heading is for the eye.
              return (
                <div key={`group-${r}`} role="group" aria-label={run.group} className="menu-group">
                  <div className="menu-group-label" aria-hidden="true">{run.group}</div>
                  {buttons}
                </div>
              );
            })}
          </div>,
          document.body,
        )}
    </div>
  );
}
