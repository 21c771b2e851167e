const HIDDEN = '•••';

/**
 * A connection as a listing may show it: `env:NAME` as it is (the secret stays in the environment), a URL with
 * its password and query string hidden, anything else hidden whole.
 */
export function maskConnection(connection: string): string {
  if (/^env:[A-Za-z_][A-Za-z0-9_]*$/.test(connection)) return connection;
  try {
    const url = new URL(connection);
    const user = url.username ? `${url.username}${url.password ? `:${HIDDEN}` : ''}@` : '';
    const text = `${url.protocol}//${user}${url.host}${url.pathname}`;
    return url.search ? `${text}?${HIDDEN}` : text;
  } catch {
    return HIDDEN;
  }
}

/** Header names with their values hidden (an `env:NAME` value is shown: it is no secret). */
export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, /^env:/.test(v) ? v : HIDDEN]));
}
