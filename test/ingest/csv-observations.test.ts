import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { parseObservationCsv } from '../../src/ingest/csv-observations.ts';
import { readCsv } from '../../src/ingest/csv-reader.ts';
import { type ImportMapping, parseMapping } from '../../src/ingest/import-mapping.ts';

const catalog = new MetricCatalog();
const parse = (text: string, mapping?: ImportMapping) => parseObservationCsv(readCsv([text]), catalog, mapping, 'test.csv');
const sorted = (rows: { metric: string; segment: string; day: string; value: number }[]) =>
  [...rows].sort((a, b) => `${a.metric}${a.segment}${a.day}`.localeCompare(`${b.metric}${b.segment}${b.day}`));

describe('CSV observations', () => {
  it('reads a long file, resolving metric and channel aliases, and sums repeated rows', async () => {
    const out = await parse(
      'date,metric,segment,value\n2026-11-20,花费,抖音,"12,000"\n2026-11-20,spend,douyin,500\n2026-11-20,new users,,40\n2026-11-21,revenue,KOL,#N/A\n',
    );
    expect(sorted(out.rows)).toEqual([
      { metric: 'new_users', segment: '', day: '2026-11-20', value: 40 },
      { metric: 'spend', segment: 'douyin', day: '2026-11-20', value: 12500 },
    ]);
    expect(out).toMatchObject({ records: 4, skippedCells: 1 });
    expect([...out.segments]).toEqual([
      ['douyin', '抖音'],
      ['kol', 'KOL'],
    ]);
  });

  it('reads a wide file with a segment column', async () => {
    const out = await parse('日期,渠道,spend,revenue,新增\n2026-11-20,小红书,100,150,5\n2026-11-20,SEM,80,,4\n');
    expect(sorted(out.rows)).toEqual([
      { metric: 'new_users', segment: 'sem', day: '2026-11-20', value: 4 },
      { metric: 'new_users', segment: 'xiaohongshu', day: '2026-11-20', value: 5 },
      { metric: 'revenue', segment: 'xiaohongshu', day: '2026-11-20', value: 150 },
      { metric: 'spend', segment: 'sem', day: '2026-11-20', value: 80 },
      { metric: 'spend', segment: 'xiaohongshu', day: '2026-11-20', value: 100 },
    ]);
  });

  it('follows a mapping: date parts with a constant year, month names, segment × metric columns, ignored columns', async () => {
    const mapping = parseMapping({
      date: { year: 2020, month: { column: 'month' }, day: { column: 'day' } },
      segment: { column: 'placement', missing: 'unknown' },
      columns: { cost: 'spend', tv_S: { metric: 'spend', segment: 'tv' }, note: null },
      ignoreOtherColumns: true,
    });
    const out = await parse(
      'month,day,placement,cost,tv_S,note,extra\nApril,1,abc,10,1,x,y\nApril,1,#N/A,5,2,x,y\nApril,1,abc,2.5,3,x,y\n',
      mapping,
    );
    expect(sorted(out.rows)).toEqual([
      { metric: 'spend', segment: 'abc', day: '2020-04-01', value: 12.5 },
      { metric: 'spend', segment: 'tv', day: '2020-04-01', value: 6 },
      { metric: 'spend', segment: 'unknown', day: '2020-04-01', value: 5 },
    ]);
  });

  it('names the line and column of every problem and returns nothing', async () => {
    const error = await parse('date,segment,spend,roi\n2026-11-20,sem,12x,1\n2026-13-01,sem,5,2\n').catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('line 1: column "roi": roi is computed from revenue, spend: import those instead');
    const values = await parse('date,segment,spend\n2026-11-20,sem,12x\n2026-13-01,sem,5\n').catch((e) => e);
    expect(values.message).toContain('line 2: column "spend": "12x" is not a number');
    expect(values.message).toContain('line 3: column "date": "2026-13-01" is not a date');
    expect(values.line).toBe(2);
    await expect(parse('')).rejects.toThrow(/empty/);
    await expect(parse('when,spend\nx,1\n')).rejects.toThrow(/no date column/);
    expect(() => parseMapping({ date: 5 })).toThrow(/mapping: date:/);
    expect(() => parseMapping({ colums: {} })).toThrow(/mapping/);
  });

  it('takes segment and metric names up to 200 characters and refuses longer ones with their line', async () => {
    const name200 = `c${'x'.repeat(199)}`;
    const ok = await parse(`date,metric,segment,value\n2026-11-20,spend,${name200},1\n`);
    expect([...ok.segments.values()]).toEqual([name200]);
    const long = `${name200}y`;
    await expect(parse(`date,metric,segment,value\n2026-11-20,spend,sem,1\n2026-11-20,spend,${long},1\n`)).rejects.toThrow(
      /line 3: column "segment": a segment name is longer than 200 characters/,
    );
    await expect(parse(`date,metric,value\n2026-11-20,${long},1\n`)).rejects.toThrow(
      /line 2: column "metric": a metric name is longer than 200 characters/,
    );
    // A wide header that long is no metric either, and the message quotes only its start.
    const error = (await parse(`date,${long}\n2026-11-20,1\n`).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/line 1: column "cxxxxxxxx+…": a metric name is longer than 200 characters/);
    expect(error.message.length).toBeLessThan(500);
    expect(() => parseMapping({ segment: { value: long } })).toThrow(/mapping: segment.value: is longer than 200 characters/);
    expect(() => parseMapping({ columns: { a: { metric: 'spend', segment: long } } })).toThrow(/is longer than 200 characters/);
  });

  it('reads a summary row ("合计", "Total") as the whole product, not another channel', async () => {
    const out = await parse('date,segment,spend\n2026-11-20,douyin,100\n2026-11-20,sem,50\n2026-11-20,合计,150\n');
    expect(sorted(out.rows)).toEqual([
      { metric: 'spend', segment: '', day: '2026-11-20', value: 150 },
      { metric: 'spend', segment: 'douyin', day: '2026-11-20', value: 100 },
      { metric: 'spend', segment: 'sem', day: '2026-11-20', value: 50 },
    ]);
    expect([...out.segments.keys()]).toEqual(['douyin', 'sem']);
  });

  it('adds repeated rows only for summed metrics; a repeated NPS or DAU is refused with both lines', async () => {
    const error = await parse('date,segment,nps,spend\n2026-11-20,sem,40,1\n2026-11-20,sem,50,2\n').catch((e) => e);
    expect(error.message).toContain('line 3: nps for "sem" on 2026-11-20 appears again (first on line 2)');
  });

  it('treats mapping keys as data, not as object properties', async () => {
    const mapping = parseMapping({ segment: { column: 'channel', map: { 抖音: 'douyin' } } });
    const out = await parse('date,channel,spend\n2026-11-20,constructor,5\n2026-11-20,抖音,7\n', mapping);
    expect(sorted(out.rows).map((r) => r.segment)).toEqual(['constructor', 'douyin']);
  });

  it('gives the same observations whatever the order of the rows', async () => {
    const row = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      seg: fc.constantFrom('sem', 'kol', '抖音'),
      metric: fc.constantFrom('spend', 'revenue'),
      value: fc.integer({ min: 0, max: 10000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), async (rows) => {
        const lines = rows.map((r) => `2026-11-${String(r.day).padStart(2, '0')},${r.metric},${r.seg},${r.value}`);
        const a = await parse(`date,metric,segment,value\n${lines.join('\n')}\n`);
        const b = await parse(`date,metric,segment,value\n${[...lines].reverse().join('\n')}\n`);
        expect(sorted(b.rows)).toEqual(sorted(a.rows));
      }),
      { numRuns: 100 },
    );
  });
});
