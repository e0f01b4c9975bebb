// Public API of the embedded host, for the VS Code client and the CLI. Node only, never imports vscode.
//
//   const host = createHost({ stateDir, settings, goBinary?, kubeconfig?, context?, timeoutMs?, maxParallel?, trusted? });
//   const off = host.onEvent((e) => ...);            // phase changes, plugin log records, progress (plain data)
//   const r = await host.install('/ws/module.yaml', 0, { signal });   // r.ok, r.error, r.refused, r.module
//   await host.sleep('default/my-app'); await host.resume(id); await host.uninstall(id);
//   await host.goModTidy('/ws/plugins/p', { signal, progress });   // { ok, error? }; r.fix names it after a stale go.sum
//   await host.list(); await host.get(id);            // ModuleView: id, name, file, documentIndex, phase,
//                                                     //   lastMessage, lastActivity, error?, interrupted?, config, plugin
//   off();
//
// Module id = `<namespace>/<name>` of the Module. Operations on one module run one at a time, in order;
// different modules run in parallel up to maxParallel. Operations never throw for plugin failures:
// the result says what happened (refused = not attempted, e.g. Sleep on a module that is not ready).
// State: one JSON file per module in stateDir, written atomically; an operation left in flight by a
// process that died is reported as interrupted, with the module back at its last good phase.
export {
  createHost,
  defaultCacheDir,
  type Host,
  type HostOptions,
  type ModuleView,
  type OperationFix,
  type OperationOptions,
  type OperationResult,
  type TidyResult,
} from './host';
export {
  formatEvent,
  type HostEvent,
  type HostEventListener,
  type LogLevel,
  type ProgressStep,
} from '../../common/src/host/events';
export { PHASES, OPERATIONS, type Phase, type Operation } from '../../common/src/host/lifecycle';
export { readModuleDocument, type ModuleDocument } from './moduleDocument';
