// Placeholder until the 'run' command lands (see the issue that owns it).
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('forkspacer run: not available in this build yet\n');
  return 1;
}
