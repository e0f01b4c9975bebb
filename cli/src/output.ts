// Writes to stdout/stderr without creating process.stdout/stderr: for a pipe those are net.Socket streams,
// and loading `net` and setting them up is a measurable part of a short CLI run (issue 12: start-up).
// A non-blocking descriptor that is full (EAGAIN) gets the rest through the stream, which waits for it.
import { writeSync } from 'node:fs';

function write(fd: 1 | 2, text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  try {
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return; // the reader is gone (`forkspacer validate | head`)
    if (code !== 'EAGAIN') throw error;
    (fd === 1 ? process.stdout : process.stderr).write(buffer.subarray(offset));
  }
}

export const writeOut = (text: string): void => write(1, text);
export const writeErr = (text: string): void => write(2, text);
