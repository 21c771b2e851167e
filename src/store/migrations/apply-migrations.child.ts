// `GROWTHBEAT_MIGRATE_TARGET=<target JSON> node apply-migrations.child.js`: applies the pending migrations in a process of its own, so the
// schema engine's WebAssembly memory (tens of MB) leaves with it instead of staying in the long-running server.
// Prints one JSON line on stdout: { applied, total } or { error }; the engine's log lines go to stderr.
import { applyPending } from './migrate.ts';

const target = JSON.parse(process.env.GROWTHBEAT_MIGRATE_TARGET ?? '{}');
try {
  const result = await applyPending(target, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
}
