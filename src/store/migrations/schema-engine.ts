// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter: migrations work
// offline (Prisma's CLI would first download a native engine) and record their history in Prisma's
// own `_prisma_migrations` table, so `prisma migrate deploy` on a connected machine agrees with us.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

type Engine = Awaited<ReturnType<typeof bindings.SchemaEngine.new>>;
let loaded: Promise<void> | undefined;

// Node's global WebAssembly, typed for the one call we make (the project's lib has no DOM types).
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }> };
  }
).WebAssembly;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package exports only its JS entry points; the .wasm file sits beside them.
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const { instance } = await wasmApi.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': withUnrefTimers(bindings) });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

// The engine arms 10-second timeouts it never clears; unreferenced, they no longer hold a finished
// `growthbeat migrate` open for ten seconds.
function withUnrefTimers(imports: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...imports };
  for (const name of Object.keys(out).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
    out[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return out;
}

/** Opens a schema engine over an adapter; call `free()` when done. */
export async function openSchemaEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: (line: string) => void = () => {},
): Promise<Engine> {
  await loadWasm();
  return bindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
