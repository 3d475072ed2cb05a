import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** Stands in for a named parameter while the query is compiled. */
const MARK = '\u0000imkit-parameter:';

interface Compiled {
  query: CompiledQuery;
  /** For each parameter of the SQL: the name of the argument it takes, or the constant. */
  slots: ({ name: string } | { value: unknown })[];
}

function slotOf(value: unknown): Compiled['slots'][number] {
  if (typeof value !== 'string' || !value.includes(MARK)) return { value };
  if (!value.startsWith(MARK)) {
    throw new Error('a ReusableQuery parameter may only be passed as a whole value');
  }
  return { name: value.slice(MARK.length) };
}

/** Stand-ins for the arguments; records the names read, and refuses to be spread. */
function standIns(read: Set<string>): object {
  return new Proxy(
    {},
    {
      get: (_target, name) => {
        read.add(String(name));
        return `${MARK}${String(name)}`;
      },
      ownKeys: () => {
        throw new Error('ReusableQuery arguments cannot be spread; pass each one as a value');
      },
    },
  );
}

/**
 * A kysely query built and compiled once per dialect, then run with new argument values (kysely's
 * "splitting build, compile and execute" recipe): building and compiling a query costs more CPU
 * than SQLite takes to run a prepared one. The SQL is standard kysely output, so it stays
 * dialect-neutral. `build` receives stand-ins for the arguments and must only pass them as values
 * (`where(col, '=', p.id)`), never branch on them, spread `p` or embed them in larger strings; a
 * query whose shape depends on the arguments needs one `ReusableQuery` per shape. A stand-in
 * that never reaches the SQL is caught: compiling throws.
 */
export class ReusableQuery<DB, P extends Record<string, unknown>, R> {
  /** Compiled once per dialect adapter, so two databases of different dialects can share it. */
  private readonly compiled = new WeakMap<object, Compiled>();

  /** @param build builds the query from the database and the argument stand-ins. */
  constructor(private readonly build: (db: Kysely<DB>, p: P) => Compilable<R>) {}

  /**
   * Runs the query with `args` on `db` (the database or a transaction).
   * @returns the result rows.
   * @throws what the database throws.
   */
  async execute(db: Kysely<DB>, args: P): Promise<R[]> {
    const { query, slots } = this.compile(db);
    const parameters = slots.map((slot) => ('name' in slot ? args[slot.name] : slot.value));
    const result = await db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>);
    return result.rows;
  }

  /** Runs the query and returns its first row, if any. */
  async first(db: Kysely<DB>, args: P): Promise<R | undefined> {
    return (await this.execute(db, args))[0];
  }

  private compile(db: Kysely<DB>): Compiled {
    const adapter = db.getExecutor().adapter;
    let compiled = this.compiled.get(adapter);
    if (!compiled) {
      const read = new Set<string>();
      const query = this.build(db, standIns(read) as P).compile();
      compiled = { query, slots: query.parameters.map(slotOf) };
      const bound = new Set(compiled.slots.map((slot) => ('name' in slot ? slot.name : '')));
      const lost = [...read].filter((name) => !bound.has(name));
      if (lost.length > 0) throw new Error(`ReusableQuery arguments not bound: ${lost.join(', ')}`);
      this.compiled.set(adapter, compiled);
    }
    return compiled;
  }
}
