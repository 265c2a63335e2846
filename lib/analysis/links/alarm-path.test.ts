import { describe, expect, it } from "vitest";
import { checkAlarmLink, isRegion, parseAlarmArn } from "./alarm-path";

describe("parseAlarmArn", () => {
  it("reads partition, region, account and a name that may hold colons", () => {
    expect(parseAlarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:Orders: failed")).toEqual({
      arn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Orders: failed",
      partition: "aws",
      region: "us-east-1",
      account: "123456789012",
      alarmName: "Orders: failed",
    });
    expect(parseAlarmArn("arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:x")?.region).toBe("us-gov-west-1");
  });

  it("refuses other ARNs and broken ones", () => {
    for (const text of ["arn:aws:cloudwatch::123456789012:dashboard/x", "arn:aws:cloudwatch:us-east-1:123:alarm:x", "arn:aws:cloudwatch:US-EAST-1:123456789012:alarm:x", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a\u0000b"]) {
      expect(parseAlarmArn(text)).toBeNull();
    }
  });
});

describe("checkAlarmLink", () => {
  const ok = (query = "") => checkAlarmLink(["us-east-1", "file-pipeline-timed-out"], new URLSearchParams(query));
  it("accepts a region, an alarm name and ISO times", () => {
    expect(ok()).toBeNull();
    expect(ok("at=2026-12-01T20:35:51.000Z&from=2026-12-01T20:34:00.000Z&to=2026-12-01T20:35:00.000Z")).toBeNull();
    expect(isRegion("ap-southeast-2")).toBe(true);
  });

  it("says what is wrong with a bad link", () => {
    expect(checkAlarmLink(["us-east-1"], new URLSearchParams())).toContain("names a region and an alarm");
    expect(checkAlarmLink(["<script>", "x"], new URLSearchParams())).toContain("not an AWS region code");
    expect(checkAlarmLink(["us-east-1", "x".repeat(256)], new URLSearchParams())).toContain("1 to 255 characters");
    expect(ok("at=yesterday")).toContain('"at" must be an ISO time');
    expect(ok("from=2026-12-01T20:34:00Z")).toContain("both from and to");
    expect(ok("from=2026-12-01T20:35:00Z&to=2026-12-01T20:34:00Z")).toContain("before");
    expect(ok("from=2026-11-01T20:35:00Z&to=2026-12-01T20:34:00Z")).toContain("at most 7 days");
  });
});
