/**
 * The dynamic provider of `huaweicloud.dcs.BackupSet`, as this module's exports: installed from npm, Pulumi's serializer
 * stores it in state as one `require()` of this file (runtime/closure/createClosure.js
 * findNormalizedModuleNameAsync), not as the text of its methods.
 */
import { makeProvider } from "../makeProvider";

export = makeProvider("huaweicloud.dcs.BackupSet");
