// Create-or-get that holds when many requests introduce the same thing at once (20 new users of a new team,
// 20 API calls naming the same new channel). Prisma's upsert is a read then an insert on these tables, and
// on PostgreSQL the losers of that race got P2002. Here the unique key decides: one insert wins, the rest
// read the winner's row. Outside a transaction only: inside a PostgreSQL one a failed insert aborts it.

/** Whether a Prisma error is a unique-constraint violation (P2002): another request wrote the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/** Inserts, or answers undefined when a unique key already holds a row (someone else was first). */
export async function createUnlessTaken<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** The row `find` reads, created by `create` when absent; when another request creates it first, theirs. */
export async function findOrCreate<T>(find: () => Promise<T | null>, create: () => Promise<T>): Promise<T> {
  const found = await find();
  if (found) return found;
  const created = await createUnlessTaken(create);
  if (created) return created;
  const winner = await find();
  if (!winner) throw new Error('a unique key was taken but its row cannot be read');
  return winner;
}
