/**
 * Segment (channel) and metric names are at most this many characters wherever they come from — CSV,
 * event logs, chat, the API — so no source can store, or make the bot echo, a name longer than this.
 */
export const MAX_NAME_LENGTH = 200;

/** Whether a name, as typed or read (surrounding spaces aside), is over MAX_NAME_LENGTH. */
export function isNameTooLong(name: string): boolean {
  return name.trim().length > MAX_NAME_LENGTH;
}
