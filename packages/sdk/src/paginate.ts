import type {
  OperationArgs,
  OperationId,
  OperationMethods,
  OperationResult,
} from './operationTypes.js';

/** The body of every list operation: one page and the cursor to the next. */
export interface Page<T> {
  items: T[];
  /** Pass as the cursor parameter to get the next page; null when there is none. */
  next_cursor: string | null;
  /** True when another page exists in this direction. */
  has_more: boolean;
}

/** The operations whose 2xx body is a {@link Page} (`listFriends`, `listMessages`...). */
export type PaginatedOperationId = {
  [K in OperationId]: OperationResult<K> extends Page<unknown> ? K : never;
}[OperationId];

/** The item type of a paginated operation (`listFriends` -> `Friend`). */
export type PageItem<K extends PaginatedOperationId> =
  OperationResult<K> extends Page<infer T> ? T : never;

/** The query parameter a `next_cursor` goes back into. */
export type CursorParam = 'after' | 'before';

/** The loose shape of a list operation, as the runtime sees it. */
export interface PageInput {
  query?: Record<string, unknown>;
  [key: string]: unknown;
}
export type PageCall = (input: PageInput) => Promise<Page<unknown>>;

/**
 * Calls a list operation page after page, putting each `next_cursor` into `cursorParam`, until
 * `has_more` is false or there is no cursor.
 */
export async function* followCursor(
  call: PageCall,
  input: PageInput,
  cursorParam: CursorParam,
): AsyncGenerator<Page<unknown>, void, undefined> {
  let query = { ...input.query };
  for (;;) {
    const page = await call({ ...input, query });
    yield page;
    if (!page.has_more || page.next_cursor === null) return;
    query = { ...query, [cursorParam]: page.next_cursor };
  }
}

/**
 * `listMessages` pages backwards (`before`) unless the first call used `after`, as its
 * `next_cursor` continues in the direction asked for; every other list operation uses `after`.
 */
export function cursorParamFor(operationId: OperationId, input: PageInput): CursorParam {
  return operationId === 'listMessages' && input.query?.after === undefined ? 'before' : 'after';
}

/** Yields every item of every page of a list operation; see `ImkitClient.paginate`. */
export async function* paginate<K extends PaginatedOperationId>(
  methods: OperationMethods,
  operationId: K,
  ...args: OperationArgs<K>
): AsyncGenerator<PageItem<K>, void, undefined> {
  const call = methods[operationId] as unknown as PageCall;
  const input = (args[0] ?? {}) as PageInput;
  for await (const page of followCursor(call, input, cursorParamFor(operationId, input))) {
    yield* page.items as PageItem<K>[];
  }
}
