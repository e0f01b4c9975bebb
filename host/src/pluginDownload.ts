// Downloads a plugin over http(s) once into a content-addressed cache (downloads/<sha256>.so), with a
// time limit and a size cap. The URL → hash index lets later operations skip the network, as the
// operator reuses the file it wrote at install (metaData pluginFilePath).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hashing';

export interface DownloadOptions {
  cacheDir: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export async function downloadPlugin(url: string, options: DownloadOptions): Promise<string> {
  const dir = join(options.cacheDir, 'downloads');
  await fs.mkdir(dir, { recursive: true });
  const indexFile = join(dir, `url-${sha256(url).slice(0, 32)}.txt`);
  const known = await fs.readFile(indexFile, 'utf8').catch(() => '');
  if (known && existsSync(join(dir, `${known.trim()}.so`))) return join(dir, `${known.trim()}.so`);

  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.any(signals), redirect: 'follow' });
  } catch (error) {
    throw new Error(`failed to download plugin ${url}: ${describe(error, options.timeoutMs)}`);
  }
  if (!response.ok || !response.body) throw new Error(`failed to download plugin ${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes)
    throw new Error(`plugin ${url} is ${declared} bytes, over the ${options.maxBytes}-byte limit`);

  const temp = join(dir, `.download-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  const handle = await fs.open(temp, 'w');
  let size = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > options.maxBytes) throw new Error(`plugin ${url} is over the ${options.maxBytes}-byte limit`);
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error instanceof Error && error.message.startsWith('plugin ')
      ? error
      : new Error(`failed to download plugin ${url}: ${describe(error, options.timeoutMs)}`);
  }
  await handle.close();
  const digest = hash.digest('hex');
  const target = join(dir, `${digest}.so`);
  await fs.rename(temp, target);
  await fs.writeFile(indexFile, digest);
  return target;
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'cancelled';
  }
  return error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
}

/** Stores bytes (e.g. a ConfigMap's `plugin` key) in the same content-addressed cache. */
export async function storePluginBytes(bytes: Buffer, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'downloads');
  await fs.mkdir(dir, { recursive: true });
  const target = join(dir, `${createHash('sha256').update(bytes).digest('hex')}.so`);
  if (!existsSync(target)) {
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  }
  return target;
}
