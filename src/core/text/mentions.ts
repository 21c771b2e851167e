// How the adapters pass people and channels inside command text: `<@U123>` / `<@U123|name>` and
// `<#C123|growth>`. Every grammar reads them through these two functions.

/** A mention as the adapters pass it: <@U123> or <@U123|name>. */
export function mentionId(word: string): string | undefined {
  return word.match(/^<@([A-Za-z0-9_-]+)(?:\|[^>]*)?>$/)?.[1];
}

/** A channel as the adapters pass it (<#C123|growth>), an id (C123, oc_…), or #name. */
export function channelId(word: string): string | undefined {
  const linked = word.match(/^<#([A-Za-z0-9_-]+)(?:\|[^>]*)?>$/);
  if (linked) return linked[1];
  return /^#?[\p{L}\p{N}_-]{1,80}$/u.test(word) ? word : undefined;
}
