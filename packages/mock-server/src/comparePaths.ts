/**
 * Orders OpenAPI path templates so that a literal segment comes before a `{parameter}` at the
 * same place (`/groups/search` before `/groups/{group_id}`). Routers that take the first match,
 * like MSW, then pick the most specific path.
 */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const leftParam = left[i]!.startsWith('{');
    const rightParam = right[i]!.startsWith('{');
    if (leftParam !== rightParam) return leftParam ? 1 : -1;
  }
  return 0;
}
