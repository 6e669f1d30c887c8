/**
 * Stack config keys the lookups read: the same keys the official providers read (`alicloud:*`, `huaweicloud:*`).
 * Its own module so the get functions and the dynamic provider share it without one loading the other.
 */
export const CONFIG_KEYS = [
  "alicloud:accessKey",
  "alicloud:secretKey",
  "alicloud:securityToken",
  "alicloud:region",
  "huaweicloud:accessKey",
  "huaweicloud:secretKey",
  "huaweicloud:region",
  "huaweicloud:projectId",
];
