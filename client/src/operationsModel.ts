// Operations in flight and how the status bar sums them up. Pure.

export interface Operation {
  id: number;
  /** "Installing my-app" */
  title: string;
  started: number;
}

export class Operations {
  private nextId = 1;
  private readonly running = new Map<number, Operation>();

  start(title: string, now = Date.now()): Operation {
    const op = { id: this.nextId++, title, started: now };
    this.running.set(op.id, op);
    return op;
  }

  end(op: Operation): void {
    this.running.delete(op.id);
  }

  list(): Operation[] {
    return [...this.running.values()];
  }

  get size(): number {
    return this.running.size;
  }
}

/** Status bar text and tooltip; undefined when nothing runs (the item is hidden). */
export function statusBarText(ops: readonly Operation[]): { text: string; tooltip: string } | undefined {
  if (ops.length === 0) return undefined;
  const text = ops.length === 1 ? `$(sync~spin) ${ops[0]!.title}` : `$(sync~spin) Forkspacer: ${ops.length} operations`;
  return { text, tooltip: `${ops.map((o) => o.title).join('\n')}\n\nClick to show the Forkspacer logs.` };
}
