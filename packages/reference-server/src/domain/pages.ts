/** Clamps a requested page size to the contract's bounds (1-100, default 20). */
export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 20, 1), 100);
}

/**
 * Splits a `limit + 1` query result into a page: the first `limit` rows and whether more exist.
 */
export function takePage<T>(rows: T[], limit: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
