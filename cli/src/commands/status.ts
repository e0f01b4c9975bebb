// Placeholder until the 'status' command lands (see the issue that owns it).
export async function status(_argv: string[]): Promise<number> {
  process.stderr.write('forkspacer status: not available in this build yet\n');
  return 1;
}
