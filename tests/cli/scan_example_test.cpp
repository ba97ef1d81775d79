// The bundled example project reproduces the playbook incidents; scan must
// find them in every format.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "helpers.h"

namespace dd::test {
namespace {

std::string example() { return (source_dir() / "examples" / "node-api").string(); }

TEST(ScanExample, JsonNamesThePlaybookIncidents) {
  auto r = drydock({"scan", example(), "--format", "json"});
  EXPECT_EQ(r.status, 1) << r.err;  // it has errors
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> cats;
  for (const auto& f : j["findings"]) cats.insert(f["category"].get<std::string>());
  for (const char* c : {"secret-leak", "slow-build", "image-bloat", "runs-as-root", "no-healthcheck", "stale-image",
                        "network-unreachable", "logging"})
    EXPECT_TRUE(cats.count(c)) << "no " << c << " finding";
  // Secrets never appear in clear.
  EXPECT_EQ(r.out.find("s3cr3t-Passw0rd"), std::string::npos);
  EXPECT_EQ(r.out.find("sk_live_51Hx9Q2eZvKYlo2C8tQ3nR7wXyz"), std::string::npos);
  EXPECT_EQ(r.out.find("local-dev-password-9f8e7d"), std::string::npos);
  bool k8s_seen = false;
  for (const auto& in : j["inputs"]) k8s_seen |= in["kind"] == "k8s";
  EXPECT_TRUE(k8s_seen);
}

TEST(ScanExample, TextAndSarif) {
  auto t = drydock({"scan", example(), "--no-color"});
  EXPECT_EQ(t.status, 1);
  EXPECT_NE(t.out.find("Dockerfile:"), std::string::npos);
  EXPECT_NE(t.out.find("fix:"), std::string::npos);
  EXPECT_EQ(t.out.find("s3cr3t-Passw0rd"), std::string::npos);
  auto s = drydock({"scan", example(), "--format", "sarif"});
  auto j = nlohmann::json::parse(s.out);
  EXPECT_EQ(j["version"], "2.1.0");
  EXPECT_GT(j["runs"][0]["results"].size(), 5u);
  EXPECT_EQ(s.out.find("s3cr3t-Passw0rd"), std::string::npos);
  if (sarif_schema().empty()) GTEST_SKIP() << "SARIF schema not installed: run scripts/install-deps.sh";
  auto v = validate_sarif(s.out);
  EXPECT_EQ(v.status, 0) << v.err.substr(0, 2000);
}

}  // namespace
}  // namespace dd::test
