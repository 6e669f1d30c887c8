/**
 * The dynamic provider of `alicloud.rds.BackupTask`, as this module's exports: installed from npm, Pulumi's serializer
 * stores it in state as one `require()` of this file (runtime/closure/createClosure.js
 * findNormalizedModuleNameAsync), not as the text of its methods.
 */
import { makeProvider } from "../makeProvider";

export = makeProvider("alicloud.rds.BackupTask");
