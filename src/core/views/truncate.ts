/** `text` cut to at most `max` characters (code points, so no emoji or CJK character is split), ending in … when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
