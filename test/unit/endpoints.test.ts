import { endpointHost } from "../../provider/clouds/alibaba/AlibabaRpcClient";

// The official SDKs' "regional" rule: central hosts for the regions in their endpoint map, `<code>.<region>` else.
test.each([
  ["rds", "cn-hangzhou", "rds.aliyuncs.com"],
  ["rds", "ap-southeast-1", "rds.aliyuncs.com"],
  ["rds", "cn-shanghai-finance-1", "rds.aliyuncs.com"],
  ["rds", "eu-central-1", "rds.eu-central-1.aliyuncs.com"],
  ["rds", "ap-northeast-1", "rds.ap-northeast-1.aliyuncs.com"],
  ["rds", "cn-zhangjiakou", "rds.cn-zhangjiakou.aliyuncs.com"],
  ["kvstore", "cn-beijing", "r-kvstore.aliyuncs.com"],
  ["kvstore", "eu-west-1", "r-kvstore.eu-west-1.aliyuncs.com"],
] as const)("%s in %s -> %s", (product, region, host) => {
  expect(endpointHost(product, region)).toBe(host);
});
