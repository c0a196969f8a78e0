/**
 * The result's text as the panel shows it: the words chosen on the image highlighted, and each line the offline
 * engine doubts underlined with a wavy line (its shape, not only its colour, sets it apart) that says, on hover and
 * to a screen reader, how sure the engine was. Only elements are added around the text, never text of their own:
 * the panel's selection is mapped back to words by its character offsets.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { textParts } from '../doubtful-lines.ts';

interface Props {
  text: string;
  ranges: ReadonlyArray<[number, number] | null>;
  chosen: ReadonlySet<number>;
  /** Doubtful lines: word index to confidence (doubtful-lines.ts). */
  doubts: ReadonlyMap<number, number>;
}

export function ShownText({ text, ranges, chosen, doubts }: Props) {
  const { t } = useTranslation();
  return textParts(text, ranges, chosen, doubts).map((part, i) => {
    const pieces = part.pieces.map((piece, j) => (piece.marked ? <mark key={j} className="word-mark">{piece.text}</mark> : piece.text));
    if (part.doubt === null) return <Fragment key={i}>{pieces}</Fragment>;
    const said = t('result.doubt.mark', { percent: Math.round((doubts.get(part.doubt) ?? 0) * 100) });
    return (
      <span key={i} className="doubtful" role="mark" title={said} aria-description={said} data-testid="doubtful-line" data-word={part.doubt}>
        {pieces}
      </span>
    );
  });
}
