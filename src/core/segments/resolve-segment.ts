import { InputError } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Segment } from '../ports/catalog.ts';
import { normaliseName } from '../text/normalise-name.ts';
import { knownChannel, segmentKeyFor } from './channel-aliases.ts';

/** Finds a workspace segment by key, name, its own aliases or a known channel alias (`抖音` = `douyin`). */
export function resolveSegment(segments: readonly Segment[], typed: string): Segment | undefined {
  const n = normaliseName(typed);
  const key = segmentKeyFor(typed);
  return segments.find((s) => s.key === key || s.key === n || normaliseName(s.name) === n || s.aliases.some((a) => normaliseName(a) === n));
}

export function requireSegment(segments: readonly Segment[], typed: string): Segment {
  const found = resolveSegment(segments, typed);
  if (found) return found;
  const names = segments.map((s) => s.name).slice(0, 12);
  throw new InputError(`unknown segment "${typed}"${names.length ? `; this workspace has ${names.join(', ')}` : ''}`, { field: 'segment' });
}

/** A segment's display name in a locale: known channels have both names, others keep their own. */
export function segmentName(segment: Pick<Segment, 'key' | 'name'> | string, locale: Locale): string {
  const key = typeof segment === 'string' ? segment : segment.key;
  if (key === '') return locale === 'zh-CN' ? '整体' : 'All';
  const known = knownChannel(key);
  // A known channel shows in the reader's language unless the workspace renamed it (/growth channels rename).
  const renamed = typeof segment !== 'string' && known && segment.name !== known.zh && segment.name !== known.en;
  if (known && !renamed) return locale === 'zh-CN' ? known.zh : known.en;
  return typeof segment === 'string' ? segment : segment.name;
}

/**
 * The segment key for each name a file holds, as the workspace already knows it: an existing channel by its
 * name, key or alias first (a workspace that stored "ks" before 快手 was well known keeps receiving it there),
 * else the well-known key or the normalised name. Cached per name: a file repeats its few names many times.
 */
export function segmentKeyResolver(known: readonly Segment[]): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let key = cache.get(name);
    if (key === undefined) {
      key = resolveSegment(known, name)?.key ?? segmentKeyFor(name);
      cache.set(name, key);
    }
    return key;
  };
}
