import { describe, expect, it } from 'vitest';
import { cohortMatrix } from '../../src/core/cohorts/cohort-matrix.ts';

const act = (userKey: string, day: string, revenue = 0) => ({ userKey, day, segment: '', events: 1, revenue });

describe('the cohort matrix', () => {
  it('puts users in the cohort of their first activity and counts who comes back, with revenue per user', () => {
    const m = cohortMatrix(
      [
        act('a', '2026-01-05', 10),
        act('a', '2026-02-10', 5),
        act('b', '2026-01-20', 20),
        act('b', '2026-03-01', 0),
        act('c', '2026-02-02', 8),
        act('c', '2026-02-28', 2),
        act('d', '2026-03-15', 1),
      ],
      'month',
      '2026-03-31',
    );
    expect(m.cohorts).toEqual([
      // January: a and b (2 users); February: a; March: b. Revenue: 30, then +5, then +0.
      {
        cohort: '2026-01',
        start: '2026-01-01',
        size: 2,
        active: [2, 1, 1],
        shares: [1, 0.5, 0.5],
        revenuePerUser: [30 / 2, 35 / 2, 35 / 2],
        // The data starts on 5 January: January covers part of its month, as a cohort and as offset +0.
        partial: true,
        partialOffsets: [0],
      },
      {
        cohort: '2026-02',
        start: '2026-02-01',
        size: 1,
        active: [1, 0],
        shares: [1, 0],
        revenuePerUser: [10, 10],
        partial: false,
        partialOffsets: [],
      },
      {
        cohort: '2026-03',
        start: '2026-03-01',
        size: 1,
        active: [1],
        shares: [1],
        revenuePerUser: [1],
        partial: false,
        partialOffsets: [],
      },
    ]);
  });

  it('marks the periods the data covers in part: a last month with 9 days of data', () => {
    const m = cohortMatrix([act('a', '2026-01-01'), act('a', '2026-03-09'), act('b', '2026-02-03')], 'month', '2026-03-09');
    expect(m.cohorts.map((c) => [c.cohort, c.partial, c.partialOffsets])).toEqual([
      ['2026-01', false, [2]],
      ['2026-02', false, [1]],
    ]);
    expect([m.from, m.to]).toEqual(['2026-01-01', '2026-03-09']);
  });

  it('stops rows at the as-of period (no zeros for the future) and works by week', () => {
    const m = cohortMatrix([act('a', '2026-11-02'), act('a', '2026-11-10'), act('b', '2026-11-12')], 'week', '2026-11-13');
    expect(m.cohorts.map((c) => [c.cohort, c.size, c.active])).toEqual([
      ['2026-W45', 1, [1, 1]],
      ['2026-W46', 1, [1]],
    ]);
  });
});
