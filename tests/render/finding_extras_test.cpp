// Finding::properties and Finding::related: rendered only when set (additive
// keys), as relatedLocations and result properties in SARIF, "also:" in text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/registry.h"
#include "helpers.h"
#include "render/render.h"

namespace dd::test {
namespace {

const RuleInfo& kTwice = Registry::instance().add({.id = "DD9970",
                                                   .name = "render-twice",
                                                   .category = Category::best_practice,
                                                   .severity = Severity::warning,
                                                   .summary = "Stage name used twice",
                                                   .fix = "AS build-2"});

Finding plain() {
  Finding f;
  f.rule = kTwice.id;
  f.severity = Severity::warning;
  f.title = kTwice.summary;
  f.message = "stage name 'build' on line 3 is already used by the stage on line 1";
  f.location = {.file = "Dockerfile", .line = 3, .column = 17};
  f.fix = "AS build-2";
  return f;
}

Finding with_extras() {
  Finding f = plain();
  f.related.push_back({{.file = "Dockerfile", .line = 1}, "'build' first named here"});
  f.properties[prop::package] = "openssl";
  f.properties[prop::version] = "3.0.11-1~deb12u1";
  f.properties[prop::fixed_version] = "3.0.13-1~deb12u1";
  f.properties[prop::advisory] = "DSA-5678-1";
  return f;
}

nlohmann::json json_of(const std::vector<Finding>& fs) {
  std::ostringstream out;
  render::json(out, fs, {});
  return nlohmann::json::parse(out.str());
}

TEST(FindingExtras, JsonLeavesThemOutWhenUnset) {
  auto f = json_of({plain()})["findings"][0];
  EXPECT_FALSE(f.contains("properties"));
  EXPECT_FALSE(f.contains("related"));
  auto t = render::to_json(plain());
  EXPECT_FALSE(t.contains("properties"));
  EXPECT_FALSE(t.contains("related"));
}

TEST(FindingExtras, JsonRendersThemUnderTheFinding) {
  auto f = json_of({with_extras()})["findings"][0];
  // The spec's keys are all still there.
  for (const char* k : {"rule", "category", "severity", "title", "message", "location", "evidence", "fix", "tags"})
    EXPECT_TRUE(f.contains(k)) << k;
  EXPECT_EQ(f["properties"]["package"], "openssl");
  EXPECT_EQ(f["properties"]["fixed_version"], "3.0.13-1~deb12u1");
  EXPECT_EQ(f["properties"]["advisory"], "DSA-5678-1");
  ASSERT_EQ(f["related"].size(), 1u);
  EXPECT_EQ(f["related"][0]["location"]["file"], "Dockerfile");
  EXPECT_EQ(f["related"][0]["location"]["line"], 1);
  EXPECT_EQ(f["related"][0]["message"], "'build' first named here");
  // The streaming writer and to_json agree.
  EXPECT_EQ(render::to_json(with_extras())["related"], f["related"]);
  EXPECT_EQ(render::to_json(with_extras())["properties"], f["properties"]);
}

TEST(FindingExtras, SarifHasRelatedLocationsAndProperties) {
  std::ostringstream out;
  render::sarif(out, {with_extras()}, {});
  auto j = nlohmann::json::parse(out.str());
  auto r = j["runs"][0]["results"][0];
  ASSERT_EQ(r["relatedLocations"].size(), 1u);
  auto rel = r["relatedLocations"][0];
  EXPECT_EQ(rel["id"], 0);
  EXPECT_EQ(rel["physicalLocation"]["artifactLocation"]["uri"], "Dockerfile");
  EXPECT_EQ(rel["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(rel["message"]["text"], "'build' first named here");
  EXPECT_EQ(r["properties"]["package"], "openssl");
  EXPECT_EQ(r["properties"]["version"], "3.0.11-1~deb12u1");
  EXPECT_EQ(r["properties"]["category"], "best-practice");  // drydock's own key is kept
  std::ostringstream plain_out;
  render::sarif(plain_out, {plain()}, {});
  EXPECT_FALSE(nlohmann::json::parse(plain_out.str())["runs"][0]["results"][0].contains("relatedLocations"));
}

TEST(FindingExtras, SarifWithRelatedValidatesAgainstTheSchema) {
  if (sarif_schema().empty()) GTEST_SKIP() << "SARIF schema not installed: run scripts/install-deps.sh";
  std::ostringstream out;
  render::sarif(out, {with_extras()}, {});
  auto r = validate_sarif(out.str());
  EXPECT_EQ(r.status, 0) << r.err << out.str();
}

TEST(FindingExtras, TextShowsAlsoFileLine) {
  std::ostringstream out;
  render::Options opt;
  opt.code_frames = false;
  render::text(out, {with_extras()}, opt);
  EXPECT_NE(out.str().find("also:     Dockerfile:1  'build' first named here"), std::string::npos) << out.str();
  std::ostringstream none;
  render::text(none, {plain()}, opt);
  EXPECT_EQ(none.str().find("also:"), std::string::npos);
}

TEST(FindingExtras, ScrubReachesRelatedMessagesAndProperties) {
  render::Options opt;
  opt.scrub = [](std::string_view t) {
    std::string s(t);
    for (size_t p; (p = s.find("openssl")) != std::string::npos;) s.replace(p, 7, "*******");
    for (size_t p; (p = s.find("first")) != std::string::npos;) s.replace(p, 5, "*****");
    return s;
  };
  Finding f = render::scrubbed(with_extras(), opt);
  EXPECT_EQ(f.properties[prop::package], "*******");
  EXPECT_EQ(f.related[0].message, "'build' ***** named here");
}

}  // namespace
}  // namespace dd::test
