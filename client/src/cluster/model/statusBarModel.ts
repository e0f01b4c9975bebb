// The status-bar item naming the Cluster view's context (click: Switch Cluster Context). Pure.

export interface ContextStatus {
  text: string;
  tooltip: string;
}

export function contextStatus(input: {
  context?: string;
  server?: string;
  state: 'none' | 'connecting' | 'ready' | 'error';
  readOnly: boolean;
  error?: string;
}): ContextStatus {
  if (!input.context || input.state === 'none')
    return { text: '$(vm-outline) no cluster', tooltip: 'Forkspacer: no kubeconfig context. Click to choose one.' };
  const icon =
    input.state === 'error' ? '$(vm-outline)' : input.state === 'connecting' ? '$(sync~spin)' : '$(vm-active)';
  const lines = [`Forkspacer cluster context: ${input.context}${input.server ? ` (${input.server})` : ''}`];
  if (input.readOnly) lines.push('Read-only: the workspace is not trusted (Restricted Mode).');
  if (input.state === 'error' && input.error) lines.push(input.error);
  lines.push('Click to switch context.');
  return { text: `${icon} ${input.context}${input.readOnly ? ' (read-only)' : ''}`, tooltip: lines.join('\n') };
}
