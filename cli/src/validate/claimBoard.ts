// The chunks of a run's documents, shared by this thread and its workers: each thread claims the next free chunk
// for itself (compare-and-swap on one cell per chunk, in shared memory), so a thread that starts late or runs
// slow (a worker's start-up and cold JIT) simply does fewer chunks and no thread waits for another's share
// (issue 12: a static split of 1,000 files made the run slower, the main thread idle while the worker warmed up).

/** Claims of `chunks` chunks; a cell is 0 while its chunk is free, else the id of the thread that claimed it. */
export class ClaimBoard {
  readonly cells: Int32Array;

  constructor(chunksOrShared: number | SharedArrayBuffer) {
    this.cells = new Int32Array(
      typeof chunksOrShared === 'number'
        ? new SharedArrayBuffer(chunksOrShared * Int32Array.BYTES_PER_ELEMENT)
        : chunksOrShared,
    );
  }

  get shared(): SharedArrayBuffer {
    return this.cells.buffer as SharedArrayBuffer;
  }

  get chunks(): number {
    return this.cells.length;
  }

  /**
   * Claims the first free chunk at or after `from` for thread `id` (≥ 1); -1 when none is left. Once a thread
   * gets -1 every chunk has its owner for good.
   */
  claim(id: number, from: number): number {
    for (let chunk = from; chunk < this.cells.length; chunk++)
      if (Atomics.compareExchange(this.cells, chunk, 0, id) === 0) return chunk;
    return -1;
  }

  /** The chunks `id` claimed. */
  ownedBy(id: number): number[] {
    const out: number[] = [];
    for (let chunk = 0; chunk < this.cells.length; chunk++) if (Atomics.load(this.cells, chunk) === id) out.push(chunk);
    return out;
  }
}
