import { nextAlertState, rearmLine } from './usage-alert.schema';

describe('usage alert hysteresis', () => {
  it('fires once at the threshold and re-arms only below the re-arm line', () => {
    const threshold = 100;
    const h = 0.05;
    expect(rearmLine(threshold, h)).toBeCloseTo(95);
    const values = [90, 99.9, 100, 101, 99, 96, 95, 100.5, 94.9, 100];
    let state: 'armed' | 'fired' = 'armed';
    const fired: number[] = [];
    for (const v of values) {
      const next = nextAlertState(state, v, threshold, h);
      if (next.fired) fired.push(v);
      state = next.state;
    }
    // 100 fires; hovering 95-101 does not re-fire; 94.9 re-arms; the next 100 fires again.
    expect(fired).toEqual([100, 100]);
  });

  it('with no hysteresis re-arms just below the threshold', () => {
    expect(nextAlertState('fired', 99.99, 100, 0)).toEqual({ state: 'armed', fired: false });
    expect(nextAlertState('fired', 100, 100, 0)).toEqual({ state: 'fired', fired: false });
  });
});
