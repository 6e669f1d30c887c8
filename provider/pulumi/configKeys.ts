/**
 * Stack config keys the lookups read: the same keys the official providers read (`alicloud:*`, `huaweicloud:*`).
 * Its own module so the get functions and the dynamic provider share it without one loading the other.
 */
export const CONFIG_KEYS = [
  "alicloud:accessKey",
  "alicloud:secretKey",
  "alicloud:securityToken",
  "alicloud:region",
  // whose credentials (docs/credentials.md): a role to assume (a JSON object), a CLI profile and its file
  "alicloud:assumeRole",
  "alicloud:profile",
  "alicloud:sharedCredentialsFile",
  "huaweicloud:accessKey",
  "huaweicloud:secretKey",
  "huaweicloud:region",
  "huaweicloud:projectId",
  "huaweicloud:assumeRole",
  "huaweicloud:profile",
  "huaweicloud:sharedConfigFile",
  "huaweicloud:authUrl",
];
