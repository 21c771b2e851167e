// Mentions are written with private-use marks that only code produces, never data (see rich-text.ts):
// a channel name or a CSV cell that reads "<@U123>" or "<!channel>" is escaped by the renderers, not
// turned into a ping.
import { plainText } from './rich-text.ts';

export { mention } from './rich-text.ts';

/** Plain text for logs and fallbacks where no platform syntax applies: marks removed, mentions as @id. */
export function plainMentions(text: string): string {
  return plainText(text);
}
