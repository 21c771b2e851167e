// The architecture as a test: the core declares interfaces and imports no SDK and no Prisma;
// platforms never import each other; only the store touches the generated client.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

const files = sourceFiles(SRC).map((f) => ({ path: relative(SRC, f), imports: imports(f) }));

/**
 * The floors of the core, lowest first: a module may import its own floor and the floors below, never one
 * above (an arrow back up). The most specific entry wins, so a file can sit below its folder — the metric
 * vocabulary is plain types every floor may name. A new folder must be placed here (CONTRIBUTING.md, "The shape").
 */
const CORE_LAYERS: readonly (readonly string[])[] = [
  ['i18n', 'views', 'metrics/metric-definition.ts'],
  ['errors.ts', 'text', 'time', 'security'],
  ['ports'],
  ['explain.ts', 'segments', 'delivery', 'workspace', 'interactions'],
  ['metrics', 'observations', 'demo', 'sources'],
  ['format', 'cohorts', 'meeting'],
  ['digest'],
  ['alerts'],
  ['commands'],
  ['inbound'],
];

/** The floor of a core module (path relative to src/core), by the longest entry that names it or its folder. */
function layerOf(corePath: string): number | undefined {
  let best: { layer: number; length: number } | undefined;
  CORE_LAYERS.forEach((entries, layer) => {
    for (const e of entries)
      if ((corePath === e || corePath.startsWith(`${e}/`)) && e.length > (best?.length ?? -1)) best = { layer, length: e.length };
  });
  return best?.layer;
}

/** Each core file's imports of other core files, as paths relative to src/core. */
const coreGraph = new Map(
  files
    .filter((f) => f.path.startsWith('core/'))
    .map((f) => [
      f.path.slice('core/'.length),
      f.imports
        .filter((i) => i.startsWith('.'))
        .map((i) => relative(join(SRC, 'core'), resolve(SRC, dirname(f.path), i)))
        .filter((p) => !p.startsWith('..')),
    ]),
);

/** The import circles among core files (strongly connected components with more than one file, or a self-import). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('module boundaries', () => {
  it('finds the source tree', () => {
    expect(files.some((f) => f.path.startsWith('core/'))).toBe(true);
  });

  it('keeps the core free of chat SDKs, Prisma, chart libraries and outer layers', () => {
    const bad = files
      .filter((f) => f.path.startsWith('core/'))
      .flatMap((f) =>
        f.imports
          .filter((i) =>
            /^@slack\/|^@larksuiteoapi\/|^@prisma\/|^prisma|^vega|^@resvg\/|^@embedpdf\/|generated|\/store\/|\/platforms\/|\/server\/|\/cli\/|\/app\/|\/charts\/|\/base\/|\/config\//.test(
              i,
            ),
          )
          .map((i) => `${f.path} -> ${i}`),
      );
    expect(bad).toEqual([]);
  });

  it('has no import circle inside the core', () => {
    expect(circles(coreGraph)).toEqual([]);
  });

  it('finds a circle when there is one (the detector itself)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('places every core module on a declared floor', () => {
    expect([...coreGraph.keys()].filter((p) => layerOf(p) === undefined)).toEqual([]);
  });

  it('has no arrow back up a floor inside the core', () => {
    const bad = [...coreGraph].flatMap(([from, to]) =>
      to.filter((t) => (layerOf(t) ?? -1) > (layerOf(from) ?? Number.POSITIVE_INFINITY)).map((t) => `${from} -> ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the base floor (HTTP helpers, logging) below everything but the core', () => {
    // base/ sits under the adapters, ingest and jobs: it may use node's modules, itself and the core's
    // types and errors, nothing that stands on it.
    const floor = files.filter((f) => f.path.startsWith('base/'));
    expect(floor.length).toBeGreaterThan(0);
    const bad = floor.flatMap((f) =>
      f.imports
        .filter((i) => {
          if (i.startsWith('node:') || i === 'zod') return false;
          if (!i.startsWith('.')) return true;
          const target = relative(SRC, join(SRC, dirname(f.path), i));
          return !(target.startsWith('base/') || target.startsWith('core/'));
        })
        .map((i) => `${f.path} -> ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps every source file at 400 lines or fewer (split long before that)', () => {
    const long = files
      .map((f) => ({ path: f.path, lines: readFileSync(join(SRC, f.path), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 400)
      .map((f) => `${f.path}: ${f.lines}`);
    expect(long).toEqual([]);
  });

  it('keeps each platform adapter away from the others', () => {
    const platforms = ['slack', 'feishu', 'sandbox'];
    const bad = files.flatMap((f) => {
      const own = platforms.find((p) => f.path.startsWith(`platforms/${p}/`));
      if (!own) return [];
      return f.imports
        .filter((i) => platforms.some((p) => p !== own && (i.includes(`/${p}/`) || i.startsWith(`../${p}`))))
        .map((i) => `${f.path} -> ${i}`);
    });
    expect(bad).toEqual([]);
  });

  it('keeps adapters transport only: no store, nothing that reads it behind their back', () => {
    // The core's inbound pipeline identifies, deduplicates and runs; platformSenders picks senders.
    const storeSide =
      /\/store\/|core\/ports\/store\.ts|core\/workspace\/|core\/commands\/(run-command|interactions)\.ts|core\/demo\/load-demo\.ts/;
    const adapters = files.filter((f) => f.path.startsWith('platforms/'));
    const bad = adapters.flatMap((f) => f.imports.filter((i) => storeSide.test(i)).map((i) => `${f.path} -> ${i}`));
    expect(bad).toEqual([]);
    const reads = adapters
      .filter((f) =>
        /\b\w*[sS]tore\.(workspaces|members|inbound|installations|outbox|alerts)\b/.test(readFileSync(join(SRC, f.path), 'utf8')),
      )
      .map((f) => f.path);
    expect(reads).toEqual([]);
  });

  it('loads each platform adapter only through the registry, and only when configured (dynamic import)', () => {
    // A platform's settings (<name>-config.ts: zod, no SDK) may be read by config/; its adapter only by the registry.
    const platformFolder = /(^|\/)platforms\/(slack|feishu|sandbox)\/(?![\w-]+-config\.ts$)/;
    const outside = files.filter((f) => !f.path.startsWith('platforms/'));
    const staticImports = outside.flatMap((f) =>
      [...readFileSync(join(SRC, f.path), 'utf8').matchAll(/^import\s+(?!type\b)[^'"]*from\s*['"]([^'"]+)['"]/gm)]
        .map((m) => m[1] as string)
        .filter((i) => platformFolder.test(i))
        .map((i) => `${f.path} -> ${i}`),
    );
    expect(staticImports).toEqual([]);
    const registry = readFileSync(join(SRC, 'platforms/registry.ts'), 'utf8');
    expect(registry).not.toMatch(/^import\s+(?!type\b)[^'"]*from\s*['"]\.\/(slack|feishu|sandbox)\//m);
    const settingsFiles = files.filter((f) => /^platforms\/\w+\/[\w-]+-config\.ts$/.test(f.path));
    expect(settingsFiles.length).toBeGreaterThan(0);
    expect(settingsFiles.flatMap((f) => f.imports.filter((i) => !i.startsWith('.') && i !== 'zod'))).toEqual([]);
    expect([...registry.matchAll(/import\('\.\/(\w+)\//g)].map((m) => m[1])).toEqual(['slack', 'feishu', 'sandbox']);
  });

  it('lets only the store import the generated Prisma client', () => {
    const bad = files.filter((f) => !f.path.startsWith('store/') && f.imports.some((i) => i.includes('generated/'))).map((f) => f.path);
    expect(bad).toEqual([]);
  });
});
