// Placeholder until the 'validate' command lands (see the issue that owns it).
export async function validate(_argv: string[]): Promise<number> {
  process.stderr.write('forkspacer validate: not available in this build yet\n');
  return 1;
}
