// Every handler runs through here: an exception is logged to the connection console and the request
// answers with an empty result, so no input can take the server down.
import type { Connection } from 'vscode-languageserver/node';

export function safely<P extends unknown[], R>(
  connection: Connection,
  name: string,
  empty: R,
  handler: (...params: P) => Promise<R> | R,
) {
  return async (...params: P): Promise<R> => {
    try {
      return await handler(...params);
    } catch (error) {
      connection.console.error(
        `forkspacer: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return empty;
    }
  };
}
