/**
 * The result's text as the panel shows it: the words chosen on the image highlighted, each line the offline engine
 * doubts underlined with a wavy line (its shape, not only its colour, sets it apart) that says, on hover and to a
 * screen reader, how sure the engine was, and a search's hits marked, the current one apart (review M5). Only
 * elements are added around the text, never text of their own: the panel's selection is mapped back to words by
 * its character offsets.
 */
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { textParts } from '../doubtful-lines.ts';
import { cutAtHits, type Hit } from '../search-hits.ts';

interface Props {
  text: string;
  ranges: ReadonlyArray<[number, number] | null>;
  chosen: ReadonlySet<number>;
  /** Doubtful lines: word index to confidence (doubtful-lines.ts). */
  doubts: ReadonlyMap<number, number>;
  /** A search's hits in `text` (search-hits.ts), and the one F3 is on. */
  hits?: readonly Hit[];
  currentHit?: number;
}

export function ShownText({ text, ranges, chosen, doubts, hits = [], currentHit = 0 }: Props) {
  const { t } = useTranslation();
  let offset = 0;
  return textParts(text, ranges, chosen, doubts).map((part, i) => {
    const cuts = cutAtHits(part.pieces, offset, hits);
    offset += part.pieces.reduce((sum, piece) => sum + piece.text.length, 0);
    const pieces = cuts.map((cut, j) => {
      let content: ReactNode = cut.text;
      if (cut.hit !== null) {
        const current = cut.hit === currentHit;
        content = (
          <mark className={`hit${current ? ' current' : ''}`} data-hit={cut.hit} data-testid="search-hit" aria-current={current || undefined}>
            {content}
          </mark>
        );
      }
      return cut.piece.marked ? <mark key={j} className="word-mark">{content}</mark> : <Fragment key={j}>{content}</Fragment>;
    });
    if (part.doubt === null) return <Fragment key={i}>{pieces}</Fragment>;
    const said = t('result.doubt.mark', { percent: Math.round((doubts.get(part.doubt) ?? 0) * 100) });
    return (
      <span key={i} className="doubtful" role="mark" title={said} aria-description={said} data-testid="doubtful-line" data-word={part.doubt}>
        {pieces}
      </span>
    );
  });
}
