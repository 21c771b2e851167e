import { registerInteractionHandler } from '../interactions/interaction-handlers.ts';
import { type ObservationsWritten, onObservationsWritten } from '../observations/observations-written.ts';
import { alertInteractions } from './alert-interactions.ts';
import { evaluateAfterWrite } from './evaluate-rules.ts';

/**
 * Connects alerts to the rest of the core, at composition time: their buttons and reactions join the
 * interactions, and every write of observations evaluates the rules on what it touched. The composition roots
 * (`startApp`, the CLI) call it once; calling it again changes nothing.
 */
export function registerAlerts(): void {
  registerInteractionHandler(alertInteractions);
  onObservationsWritten(evaluateWhatWasWritten);
}

async function evaluateWhatWasWritten(written: ObservationsWritten): Promise<void> {
  await evaluateAfterWrite(written);
}
