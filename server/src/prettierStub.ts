// Stands in for prettier in the bundles: yaml-language-server loads its formatter (prettier) when the
// language service is created, but we never offer formatting, so nothing here is ever called.
// esbuild.mjs aliases prettier/standalone and prettier/plugins/* to this file.
export const format = async (): Promise<string> => {
  throw new Error('formatting is not offered by the Forkspacer language server');
};
export default { format };
