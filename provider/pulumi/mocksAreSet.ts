/**
 * Whether the program runs under `pulumi.runtime.setMocks` (a unit test) rather than a deployment.
 *
 * What this relies on, read from @pulumi/pulumi's runtime (https://github.com/pulumi/pulumi/tree/master/sdk/nodejs/runtime):
 * - `setMocks` (runtime/mocks.ts) installs a `MockMonitor` as the resource monitor; `MockMonitor` keeps the
 *   user's mocks as its `mocks` property and has `getRegisteredResources()`, which the gRPC monitor client
 *   (`ResourceMonitorClient`) has not.
 * - Since @pulumi/pulumi 3.141.0 the mock monitor lives in the runtime's global store (settings.ts
 *   `setMockOptions` -> `store.settings.monitor`, state.ts `getStore` -> `global.globalStore` or the
 *   AsyncLocalStorage store), shared by every copy of @pulumi/pulumi loaded in the process
 *   (https://github.com/pulumi/pulumi/pull/17769). So `getMonitor()` of this package's copy sees mocks set
 *   through the program's own copy, when the two differ.
 * - `getMonitor()` returns `undefined` outside a Pulumi program (no `PULUMI_NODEJS_MONITOR`), and otherwise the
 *   gRPC client, created lazily without connecting.
 */
import * as pulumi from "@pulumi/pulumi";

export function mocksAreSet(): boolean {
  let monitor: unknown;
  try {
    monitor = pulumi.runtime.getMonitor();
  } catch {
    return false;
  }
  const m = monitor as { mocks?: { call?: unknown }; getRegisteredResources?: unknown } | undefined;
  return !!m && typeof m.mocks?.call === "function" && typeof m.getRegisteredResources === "function";
}
