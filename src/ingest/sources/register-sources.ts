import { SourceError } from '../../core/errors.ts';
import { registerSourceRunner } from '../../core/sources/source-runner.ts';
import { runSource, type SourceRunDeps } from './run-source.ts';

/** Lets the core run sources (`/growth sources run <name>`): the composition roots call it once with the settings. */
export function registerSources(deps: SourceRunDeps): void {
  registerSourceRunner(async (store, workspace, name, request) => {
    const source = await store.sources.get(workspace.id, name);
    if (!source) throw new SourceError(name, 'there is no such source');
    return runSource(store, workspace, source, request, deps);
  });
}
