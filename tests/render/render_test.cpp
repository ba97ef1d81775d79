#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/registry.h"
#include "helpers.h"
#include "render/render.h"

namespace dd::test {
namespace {

const RuleInfo& kSlow = Registry::instance().add({.id = "DD9950",
                                                  .name = "render-slow",
                                                  .category = Category::slow_build,
                                                  .severity = Severity::warning,
                                                  .summary = "Source copied before dependencies are installed",
                                                  .rationale = "Every source change reinstalls every dependency.",
                                                  .fix = "COPY package.json first",
                                                  .aliases = {"XX50"}});
const RuleInfo& kSecret = Registry::instance().add({.id = "DD9951",
                                                    .name = "render-secret",
                                                    .category = Category::secret_leak,
                                                    .severity = Severity::error,
                                                    .summary = "Secret in ENV",
                                                    .fix = "RUN --mount=type=secret,id=key"});

std::vector<Finding> sample(const std::string& file) {
  Finding a;
  a.rule = "DD9950";
  a.category = Category::slow_build;
  a.severity = Severity::warning;
  a.title = kSlow.summary;
  a.message = "COPY . . on line 2 invalidates the cache of RUN npm ci on line 3 whenever any file changes";
  a.location = {.file = file, .line = 2, .column = 1, .end_line = 2, .end_column = 9};
  a.evidence = "COPY . .";
  a.fix = "COPY package.json package-lock.json ./ then RUN npm ci, then COPY . .";
  a.tags = {"node"};
  Finding b;
  b.rule = "DD9951";
  b.category = Category::secret_leak;
  b.severity = Severity::error;
  b.title = kSecret.summary;
  b.message = "ENV API_KEY holds a secret";
  b.location = {.file = file, .line = 4, .column = 5};
  b.evidence = "ENV API_KEY=AK****************LE";
  b.fix = kSecret.fix;
  Finding c;  // a runtime finding without a file
  c.rule = "DD9950";
  c.category = Category::oom_killed;
  c.severity = Severity::info;
  c.title = "t";
  c.location.container = "api";
  c.location.field = "State.OOMKilled";
  return {a, b, c};
}

// Render options whose scrub stands in for secrets::mask: API_KEY -> *******.
render::Options masking_options() {
  render::Options opt;
  opt.scrub = [](std::string_view t) {
    std::string s(t);
    for (size_t p; (p = s.find("API_KEY")) != std::string::npos;) s.replace(p, 7, "*******");
    return s;
  };
  return opt;
}

TEST(JsonRenderer, MatchesTheSpecShape) {
  std::ostringstream out;
  render::json(out, sample("Dockerfile"), {});
  auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["tool"], "drydock");
  EXPECT_TRUE(j["version"].is_string());
  ASSERT_EQ(j["findings"].size(), 3u);
  auto f = j["findings"][0];
  EXPECT_EQ(f["rule"], "DD9950");
  EXPECT_EQ(f["category"], "slow-build");
  EXPECT_EQ(f["severity"], "warning");
  EXPECT_EQ(f["location"]["file"], "Dockerfile");
  EXPECT_EQ(f["location"]["line"], 2);
  EXPECT_EQ(f["evidence"], "COPY . .");
  EXPECT_EQ(f["tags"], nlohmann::json::array({"node"}));
  for (const char* k : {"title", "message", "fix"}) EXPECT_TRUE(f[k].is_string()) << k;
  auto rt = j["findings"][2]["location"];
  EXPECT_EQ(rt["container"], "api");
  EXPECT_EQ(rt["field"], "State.OOMKilled");
  EXPECT_FALSE(rt.contains("file"));
  EXPECT_EQ(j["summary"], nlohmann::json({{"error", 1}, {"warning", 1}, {"info", 1}}));
}

TEST(JsonRenderer, ExtraKeysKeepFindingsAndSummary) {
  std::ostringstream out;
  render::Options opt;
  opt.extra = {{"layers", nlohmann::json::array({1, 2})}, {"summary", "must not replace"}};
  render::json(out, {}, opt);
  auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["layers"].size(), 2u);
  EXPECT_TRUE(j["summary"].is_object());
  EXPECT_TRUE(j["findings"].is_array());
}

TEST(SarifRenderer, HasRulesLevelsAndLocations) {
  std::ostringstream out;
  render::sarif(out, sample("src/Dockerfile"), {});
  auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["version"], "2.1.0");
  auto run = j["runs"][0];
  auto rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["id"], "DD9950");
  EXPECT_FALSE(rules[0]["help"]["text"].get<std::string>().empty());
  EXPECT_FALSE(rules[1]["properties"]["security-severity"].get<std::string>().empty());
  EXPECT_FALSE(rules[0]["properties"].contains("security-severity"));
  auto results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_EQ(results[2]["ruleIndex"], 0);
  auto region = results[0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 2);
  EXPECT_EQ(region["startColumn"], 1);
  EXPECT_EQ(region["endColumn"], 9);
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/Dockerfile");
}

// GitLab Code Quality: an array of issues with a check name, a severity from
// its list, a path and begin line, and fingerprints that differ between
// issues but not between runs, and survive the issue moving to another line.
TEST(CodeClimateRenderer, IssuesGitLabAccepts) {
  auto findings = sample("./src/Dockerfile");
  findings.push_back(findings[0]);  // the same finding twice (two files' reports of one context file)
  std::ostringstream out;
  const render::Options opt = masking_options();
  render::codeclimate(out, findings, opt);
  auto j = nlohmann::json::parse(out.str());
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[0]["type"], "issue");
  EXPECT_EQ(j[0]["check_name"], "DD9950");
  EXPECT_EQ(j[0]["severity"], "major");
  EXPECT_EQ(j[1]["severity"], "blocker");
  EXPECT_EQ(j[2]["severity"], "info");
  EXPECT_EQ(j[1]["categories"], nlohmann::json::array({"Security"}));
  EXPECT_EQ(j[0]["location"]["path"], "src/Dockerfile");
  EXPECT_EQ(j[0]["location"]["lines"]["begin"], 2);
  EXPECT_EQ(j[2]["location"]["path"], "api");  // no file: the container
  EXPECT_EQ(j[2]["location"]["lines"]["begin"], 1);
  EXPECT_EQ(j[1]["description"], "ENV ******* holds a secret");  // scrubbed
  std::set<std::string> prints;
  for (const auto& i : j) prints.insert(i["fingerprint"].get<std::string>());
  EXPECT_EQ(prints.size(), 4u);
  auto moved = sample("./src/Dockerfile");
  moved[0].location.line = 7;
  std::ostringstream again;
  render::codeclimate(again, moved, opt);
  EXPECT_EQ(nlohmann::json::parse(again.str())[0]["fingerprint"], j[0]["fingerprint"]);
  EXPECT_NE(j[0]["fingerprint"], j[3]["fingerprint"]);
}

// Checkstyle XML: well-formed (Python's XML parser reads it back), one <file>
// per file in report order, every text escaped and scrubbed.
TEST(CheckstyleRenderer, WellFormedAndGroupedByFile) {
  auto findings = sample("app/Dockerfile");
  findings[0].message = "a <tag> & \"quotes\" 'too'\x01";
  auto other = sample("b/Dockerfile");
  findings.push_back(other[0]);
  std::ostringstream out;
  const render::Options opt = masking_options();
  render::checkstyle(out, findings, opt);
  TempDir d;
  auto xml = d.write("out.xml", out.str());
  auto r = run({"python3", "-c",
                "import sys, xml.etree.ElementTree as E\n"
                "root = E.parse(sys.argv[1]).getroot()\n"
                "for f in root: print(f.get('name'), [(e.get('line'), e.get('column'), e.get('severity'), e.get('source')) for e in f])\n"
                "print(root[0][0].get('message'))\n",
                xml.string()});
  ASSERT_EQ(r.status, 0) << r.err << out.str();
  EXPECT_NE(r.out.find("app/Dockerfile [('2', '1', 'warning', 'DD9950'), ('4', '5', 'error', 'DD9951')]"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("api [('1', None, 'info', 'DD9950')]"), std::string::npos) << r.out;  // no file: the container
  EXPECT_NE(r.out.find("b/Dockerfile [('2', '1', 'warning', 'DD9950')]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a <tag> & \"quotes\" 'too'\xEF\xBF\xBD Fix: COPY package.json"), std::string::npos) << r.out;
  EXPECT_EQ(out.str().find("API_KEY"), std::string::npos);
}

// One GNU line per finding, what editors' error formats read; no summary.
TEST(GnuRenderer, OneLinePerFindingForEditors) {
  auto findings = sample("app/Dockerfile");
  findings[0].message = "two\nlines";
  std::ostringstream out;
  const render::Options opt = masking_options();
  render::gnu(out, findings, opt);
  EXPECT_EQ(out.str(),
            "app/Dockerfile:2:1: warning: two lines [DD9950]\n"
            "app/Dockerfile:4:5: error: ENV ******* holds a secret [DD9951]\n"
            "api: info: t [DD9950]\n");
  // Streamed in pieces, the same bytes.
  std::ostringstream streamed;
  render::write_pieces(render::Format::gnu, streamed, {render::piece(render::Format::gnu, findings, opt)}, opt);
  EXPECT_EQ(streamed.str(), out.str());
  EXPECT_EQ(render::parse_format("tty"), render::Format::text);
  EXPECT_EQ(render::parse_format("gitlab_codeclimate"), render::Format::codeclimate);
}

// SonarQube's generic issue import format (10.3+): every issue names a rule of
// the report, columns count from 0, findings with no file are left out.
TEST(SonarQubeRenderer, RulesAndIssuesSonarQubeImports) {
  auto findings = sample("./src/Dockerfile");
  std::ostringstream out;
  const render::Options opt = masking_options();
  testing::internal::CaptureStderr();
  render::sonarqube(out, findings, opt);
  // What it leaves out is said on stderr, in one line.
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "drydock: sonarqube: 1 finding outside the project's files (an image, a container) left out; "
            "--format sarif or json has them\n");
  auto j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j["rules"].size(), 2u);
  ASSERT_EQ(j["issues"].size(), 2u);  // the container's finding has no file
  std::set<std::string> ids;
  for (const auto& r : j["rules"]) {
    ids.insert(r["id"].get<std::string>());
    EXPECT_EQ(r["engineId"], "drydock");
    for (const char* k : {"name", "description", "cleanCodeAttribute"}) EXPECT_TRUE(r[k].is_string()) << k;
    ASSERT_EQ(r["impacts"].size(), 1u);
  }
  EXPECT_EQ(j["rules"][0]["impacts"][0]["softwareQuality"], "MAINTAINABILITY");  // slow-build
  EXPECT_EQ(j["rules"][0]["impacts"][0]["severity"], "MEDIUM");
  EXPECT_EQ(j["rules"][1]["impacts"][0]["softwareQuality"], "SECURITY");
  EXPECT_EQ(j["rules"][1]["impacts"][0]["severity"], "HIGH");
  for (const auto& i : j["issues"]) EXPECT_TRUE(ids.count(i["ruleId"].get<std::string>()));
  const auto& loc = j["issues"][0]["primaryLocation"];
  EXPECT_EQ(loc["filePath"], "src/Dockerfile");
  EXPECT_EQ(loc["textRange"]["startLine"], 2);
  EXPECT_EQ(loc["textRange"]["startColumn"], 0);
  EXPECT_EQ(loc["textRange"]["endColumn"], 8);
  EXPECT_FALSE(j["issues"][1]["primaryLocation"]["textRange"].contains("startColumn"));  // no end: the whole line
  EXPECT_EQ(out.str().find("API_KEY"), std::string::npos);
}

// Validates our SARIF against the official SARIF 2.1.0 JSON schema with
// Debian's python3-jsonschema. scripts/install-deps.sh fetches the schema.
TEST(SarifRenderer, ValidatesAgainstTheSchema) {
  if (sarif_schema().empty()) GTEST_SKIP() << "SARIF schema not installed: run scripts/install-deps.sh";
  std::ostringstream out;
  render::sarif(out, sample("Dockerfile"), {});
  auto r = validate_sarif(out.str());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("valid"), std::string::npos);
  // The validator does reject a broken document.
  auto bad = validate_sarif(R"({"version":"2.1.0","runs":[{"results":[{"level":"bogus"}]}]})");
  EXPECT_NE(bad.status, 0);
}

TEST(TextRenderer, ShowsCodeFrameCaretAndFix) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM node:20\nCOPY . .\nRUN npm ci\nENV API_KEY=x\n");
  std::ostringstream out;
  render::Options opt;
  opt.color = false;
  render::text(out, sample(df.string()), opt);
  std::string s = out.str();
  EXPECT_NE(s.find(df.string() + ":2:1"), std::string::npos) << s;
  EXPECT_NE(s.find("2 | COPY . ."), std::string::npos) << s;
  EXPECT_NE(s.find("  | ^^^^^^^^"), std::string::npos) << s;
  EXPECT_NE(s.find("fix:      COPY package.json package-lock.json"), std::string::npos) << s;
  EXPECT_NE(s.find("container api"), std::string::npos) << s;
  EXPECT_EQ(s.find("\x1b["), std::string::npos) << "no colour when disabled";
  EXPECT_NE(s.find("3 findings: 1 error, 1 warning, 1 info"), std::string::npos) << s;
}

TEST(TextRenderer, ColoursWhenAsked) {
  std::ostringstream out;
  render::Options opt;
  opt.color = true;
  render::text(out, sample("nonexistent"), opt);
  EXPECT_NE(out.str().find("\x1b["), std::string::npos);
}

}  // namespace
}  // namespace dd::test
