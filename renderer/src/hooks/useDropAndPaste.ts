/** Images dropped on the window or pasted with Ctrl/Cmd+V go to the main process as bytes: the page holds no paths. */
import { useEffect, useState } from 'react';
import { MAX_DROPPED_BYTES, type JobTicket } from '../../../preload/api.ts';
import { api } from '../api.ts';
import type { SeveralDropped } from '../components/DropChoice.tsx';

/**
 * The files of one drop or paste go as one batch: the clipboard and the notification then act once for all. One too
 * large to send is said at once and left out of the batch, which otherwise would wait for it.
 */
export async function send(all: File[], source: 'drop' | 'clipboard', onError: (error: unknown) => void): Promise<JobTicket[]> {
  const files = all.filter((file) => file.size <= MAX_DROPPED_BYTES);
  for (const file of all.filter((f) => f.size > MAX_DROPPED_BYTES)) onError(new Error(`[image-too-large] ${file.name} is over 50 MB; open it from disk instead.`));
  const batch = { id: crypto.randomUUID(), size: files.length };
  const tickets: JobTicket[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    tickets.push(await api.ocr.recognizeImage({ name: source === 'drop' ? file.name : null, bytes, source, batch }));
  }
  return tickets;
}

/** A drop's items, each a file or a folder (known only while the drop event lasts: its DataTransfer is emptied after). */
function dropped(transfer: DataTransfer | null): SeveralDropped {
  const items = Array.from(transfer?.items ?? []).filter((item) => item.kind === 'file');
  const all: File[] = [];
  const files: File[] = [];
  let folders = 0;
  for (const item of items) {
    const file = item.getAsFile();
    if (!file) continue;
    all.push(file);
    if (item.webkitGetAsEntry?.()?.isDirectory) folders++;
    else files.push(file);
  }
  // A DataTransfer made by a script may list files and no items.
  return all.length > 0 ? { all, files, folders } : { all: Array.from(transfer?.files ?? []), files: Array.from(transfer?.files ?? []), folders: 0 };
}

/**
 * `onSent`: the jobs of one drop or paste, once all are queued (one image is shown when read: useShowWhenDone).
 * `onSeveral`: a drop of several files or of a folder is handed there instead, for the user to choose between reading
 * now and a batch (issue 26: DropChoice); without it such a drop is read now, as before.
 */
export function useDropAndPaste(onError: (error: unknown) => void, onSent: (tickets: JobTicket[]) => void = () => undefined, onSeveral?: (drop: SeveralDropped) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (): void => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent): void => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent): void => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const drop = dropped(event.dataTransfer);
      if (onSeveral && (drop.all.length > 1 || drop.folders > 0)) onSeveral(drop);
      else send(drop.all, 'drop', onError).then(onSent, onError);
    };
    const onPaste = (event: ClipboardEvent): void => {
      const target = event.target as HTMLElement | null;
      const images = Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith('image/'));
      // Text pasted into a field is the field's business; an image anywhere is ours.
      if (images.length === 0 || (target && /^(INPUT|TEXTAREA)$/.test(target.tagName) && images.length === 0)) return;
      event.preventDefault();
      send(images, 'clipboard', onError).then(onSent, onError);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, [onError, onSent, onSeveral]);
  return dragging;
}
