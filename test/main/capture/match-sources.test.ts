import { describe, expect, it } from 'vitest';
import type { DisplayInfo } from '../../../main/capture/geometry.ts';
import { matchSources } from '../../../main/capture/match-sources.ts';

const laptop: DisplayInfo = { id: '10', bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 };
const monitor: DisplayInfo = { id: '20', bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, scaleFactor: 1 };

describe('matchSources', () => {
  it('pairs by display id where the capturer names it', () => {
    const pairs = matchSources([{ displayId: '20', width: 2560, height: 1440 }, { displayId: '10', width: 2880, height: 1800 }], [laptop, monitor]);
    expect(pairs.map((p) => [p.display.id, p.source.displayId])).toEqual([['10', '10'], ['20', '20']]);
  });

  it('pairs a Wayland portal source by its size when the ids do not match', () => {
    const pairs = matchSources([{ displayId: '', width: 2560, height: 1440 }], [laptop, monitor]);
    expect(pairs.map((p) => p.display.id)).toEqual(['20']);
  });

  it('pairs by shape when the picture was scaled', () => {
    const pairs = matchSources([{ displayId: '77', width: 1440, height: 900 }], [laptop, monitor]);
    expect(pairs.map((p) => p.display.id)).toEqual(['10']);
  });

  it('takes the only source for the only display, and leaves a stranger unpaired', () => {
    expect(matchSources([{ displayId: 'x', width: 100, height: 50 }], [monitor]).map((p) => p.display.id)).toEqual(['20']);
    expect(matchSources([{ displayId: 'x', width: 100, height: 50 }], [laptop, monitor])).toEqual([]);
  });
});
