/** Page size when the request names none (the `Limit` parameter's default). */
const DEFAULT_PAGE_SIZE = 20;

/**
 * The page size to use: the request's `limit`, already validated against the spec (1-100), or
 * the default. Out-of-range values never reach here; they answer 422 `validation.failed`.
 */
export function pageSize(limit: number | undefined): number {
  return limit ?? DEFAULT_PAGE_SIZE;
}

/**
 * Splits a `limit + 1` query result into a page: the first `limit` rows and whether more exist.
 */
export function takePage<T>(rows: T[], limit: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
