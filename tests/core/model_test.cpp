#include <gtest/gtest.h>

#include "core/category.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/redact.h"
#include "core/registry.h"
#include "core/report.h"
#include "core/subprocess.h"

namespace dd {
namespace {

TEST(Category, EveryCategoryOfTheSpecRoundTrips) {
  const char* spec[] = {"exits-immediately", "image-bloat", "config-missing", "missing-dependency",
                        "arch-mismatch", "oom-killed", "memory-leak", "cpu-throttling", "secret-leak",
                        "no-healthcheck", "slow-build", "runs-as-root", "read-only-filesystem",
                        "volume-permissions", "network-unreachable", "image-pull", "crash-loop",
                        "vulnerability", "stale-image", "logging", "multiple-processes", "best-practice"};
  ASSERT_EQ(all_categories().size(), std::size(spec));
  for (const char* s : spec) {
    auto c = parse_category(s);
    ASSERT_TRUE(c.has_value()) << s;
    EXPECT_EQ(to_string(*c), s);
    EXPECT_FALSE(describe(*c).empty());
  }
  EXPECT_FALSE(parse_category("oom").has_value());
}

TEST(Redact, KeepsEndsOfLongSecrets) {
  EXPECT_EQ(redact("AKIAIOSFODNN7EXAMPLE"), "AK****************LE");
  EXPECT_EQ(redact("short"), "*****");
  EXPECT_EQ(redact(""), "");
  std::string r = redact("hunter2-pass");
  EXPECT_EQ(r.size(), 12u);
  EXPECT_EQ(r.find("hunter2"), std::string::npos);
  // At most a quarter of a value shows: a 16-character password keeps 2+2.
  EXPECT_EQ(redact("Vq8rT2pLx9mZk4wQ"), "Vq************wQ");
  EXPECT_EQ(redact("ghp_Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7A"), "ghp_" + std::string(33, '*') + "Cb7A");
  EXPECT_EQ(redact("pass1234"), "********");
}

TEST(Redact, ReplacesEveryOccurrence) {
  EXPECT_EQ(redact_in("a=AKIAIOSFODNN7EXAMPLE b=AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
            "a=AK****************LE b=AK****************LE");
}

const RuleInfo& kInfo = Registry::instance().add({.id = "DD9902",
                                                  .name = "model-test",
                                                  .category = Category::oom_killed,
                                                  .severity = Severity::warning,
                                                  .summary = "summary from the rule",
                                                  .fix = "the rule's fix",
                                                  .aliases = {"XX9902"}});

TEST(Registry, ResolvesIdsAndAliases) {
  auto& r = Registry::instance();
  EXPECT_EQ(r.resolve("DD9902"), "DD9902");
  EXPECT_EQ(r.resolve("XX9902"), "DD9902");
  EXPECT_EQ(r.resolve("nope"), "");
  ASSERT_NE(r.find("DD9902"), nullptr);
  EXPECT_EQ(r.find("DD9902")->docs_anchor(), "docs/rules/DD9902.md");
}

TEST(Report, FillsFromRuleAndAppliesConfig) {
  Config cfg;
  Report plain;
  Finding f;
  f.message = "m";
  plain.add(kInfo, f);
  ASSERT_EQ(plain.findings().size(), 1u);
  const auto& got = plain.findings()[0];
  EXPECT_EQ(got.rule, "DD9902");
  EXPECT_EQ(got.category, Category::oom_killed);
  EXPECT_EQ(got.severity, Severity::warning);
  EXPECT_EQ(got.title, "summary from the rule");
  EXPECT_EQ(got.fix, "the rule's fix");

  cfg.severity["DD9902"] = Severity::error;
  Report over(&cfg);
  over.add(kInfo, f);
  EXPECT_EQ(over.findings()[0].severity, Severity::error);

  cfg.ignored.insert("DD9902");
  Report ignored(&cfg);
  ignored.add(kInfo, f);
  EXPECT_TRUE(ignored.findings().empty());
}

TEST(Findings, ThresholdAndSummary) {
  std::vector<Finding> fs(3);
  fs[0].severity = Severity::info;
  fs[1].severity = Severity::warning;
  fs[2].severity = Severity::warning;
  auto s = summarize(fs);
  EXPECT_EQ(s.info, 1);
  EXPECT_EQ(s.warning, 2);
  EXPECT_EQ(s.error, 0);
  EXPECT_FALSE(reaches(fs, Severity::error));
  EXPECT_TRUE(reaches(fs, Severity::warning));
  EXPECT_FALSE(reaches(fs, Severity::none));
}

}  // namespace
}  // namespace dd


namespace dd::test {
namespace {

TEST(Subprocess, CapturesStdoutAndStatus) {
  auto r = run_process({"sh", "-c", "printf 'a\\nb'; echo err >&2; exit 3"});
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out, "a\nb");  // stderr is not mixed in
  EXPECT_TRUE(in_path("sh"));
  EXPECT_FALSE(in_path("no-such-program-drydock"));
  EXPECT_THROW(run_process({"no-such-program-drydock"}), InputError);
}

}  // namespace
}  // namespace dd::test
