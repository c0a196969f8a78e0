import { memo, useEffect, useState } from 'react';
import { api } from '../api.ts';

const cache = new Map<number, string | null>();

/** A history row's thumbnail, fetched once when the row first shows. */
export const Thumbnail = memo(function Thumbnail({ entryId, hasImage }: { entryId: number; hasImage: boolean }) {
  const [url, setUrl] = useState(cache.get(entryId) ?? null);
  useEffect(() => {
    if (!hasImage || cache.has(entryId)) return;
    let live = true;
    void api.history.thumbnail(entryId).then((value) => {
      cache.set(entryId, value);
      if (live) setUrl(value);
    });
    return () => {
      live = false;
    };
  }, [entryId, hasImage]);
  return <div className="thumb">{url ? <img src={url} alt="" draggable={false} /> : null}</div>;
});
