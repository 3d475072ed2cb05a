// Redocly CLI 2.x prints a boxed "Node.js 20 support is ending" notice on every run under
// Node 20, before parsing its arguments, with no option or environment variable to turn it
// off (packages/cli/src/index.ts upstream). imkit pins Node 20 on purpose (see
// shared/design/toolchain.md), so the box is noise in every build, lint and docs run.

/** The text that identifies the notice inside its box. */
export const NODE20_NOTICE = 'Node.js 20 support is ending';

const BOX_TOP = /^\s*╔═*╗\s*$/;
const BOX_BOTTOM = /^\s*╚═*╝\s*$/;

/**
 * A line filter that drops Redocly's Node 20 notice box (and the blank lines around it) and
 * passes every other line through unchanged, in order. Feed it lines without their line
 * breaks; it returns the lines to print.
 */
export class Node20NoticeFilter {
  /** Blank lines held back until we know whether a box follows them. */
  #blanks = [];
  /** The lines of a box being read, or null outside a box. */
  #box = null;
  /** True right after a dropped box, to drop the blank line that follows it. */
  #dropped = false;

  /** Takes one line; returns the lines ready to print. */
  push(line) {
    if (this.#box) return this.#inBox(line);
    if (line.trim() === '') {
      if (this.#dropped) this.#dropped = false;
      else this.#blanks.push(line);
      return [];
    }
    this.#dropped = false;
    if (BOX_TOP.test(line)) {
      this.#box = [...this.#blanks, line];
      this.#blanks = [];
      return [];
    }
    return this.#release([line]);
  }

  /** Returns whatever is still held back, at the end of the output. */
  end() {
    const rest = [...this.#blanks, ...(this.#box ?? [])];
    this.#blanks = [];
    this.#box = null;
    return rest;
  }

  #inBox(line) {
    this.#box.push(line);
    if (!BOX_BOTTOM.test(line)) return [];
    const box = this.#box;
    this.#box = null;
    if (box.some((l) => l.includes(NODE20_NOTICE))) {
      this.#dropped = true;
      return [];
    }
    return box;
  }

  #release(lines) {
    const out = [...this.#blanks, ...lines];
    this.#blanks = [];
    return out;
  }
}

/** The text without the notice box: `text` split into lines, filtered and joined again. */
export function withoutNode20Notice(text) {
  const filter = new Node20NoticeFilter();
  const lines = text.split('\n');
  const last = lines.pop();
  const out = lines.flatMap((line) => filter.push(line));
  out.push(...(last === '' ? filter.end() : [...filter.push(last), ...filter.end()]));
  return out.length === 0 ? '' : `${out.join('\n')}${last === '' ? '\n' : ''}`;
}
