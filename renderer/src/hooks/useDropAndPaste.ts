/** Images dropped on the window or pasted with Ctrl/Cmd+V go to the main process as bytes: the page holds no paths. */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';

async function send(files: File[], source: 'drop' | 'clipboard'): Promise<void> {
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await api.ocr.recognizeImage({ name: source === 'drop' ? file.name : null, bytes, source });
  }
}

export function useDropAndPaste(onError: (error: unknown) => void): boolean {
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
      send(Array.from(event.dataTransfer?.files ?? []), 'drop').catch(onError);
    };
    const onPaste = (event: ClipboardEvent): void => {
      const target = event.target as HTMLElement | null;
      const images = Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith('image/'));
      // Text pasted into a field is the field's business; an image anywhere is ours.
      if (images.length === 0 || (target && /^(INPUT|TEXTAREA)$/.test(target.tagName) && images.length === 0)) return;
      event.preventDefault();
      send(images, 'clipboard').catch(onError);
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
  }, [onError]);
  return dragging;
}
