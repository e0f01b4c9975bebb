// Document texts are slices of a whole file's text, and V8 keeps the whole text alive for as long as a
// slice lives. Anything that keeps a document's text (caches: ours, the core's, yaml-language-server's)
// keeps an own copy instead, so old versions of a large file can be collected.

/** A string equal to `text` that shares no memory with the string it was sliced from. */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
