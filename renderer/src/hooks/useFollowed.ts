/**
 * A piece of main's state the window keeps: asked for once, then replaced by each event main sends about it. An event
 * heard before the first answer is newer than it, so that answer is then dropped.
 */
import { useEffect, useState } from 'react';

export function useFollowed<T>(initial: T, ask: () => Promise<T>, follow: (set: (value: T) => void) => () => void): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let heard = false;
    const off = follow((next) => {
      heard = true;
      setValue(next);
    });
    void ask().then((first) => heard || setValue(first), () => undefined);
    return off;
    // Asked once per mount: `ask` and `follow` name main's calls, which do not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [value, setValue];
}
