#include <algorithm>
// End-to-end tests of the drydock binary: exit statuses, bad input, formats.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/registry.h"
#include "helpers.h"

namespace dd::test {
namespace {

// Bad input: exit 2, exactly one line on stderr naming the problem, nothing
// that looks like a crash.
void expect_bad_input(const RunResult& r, const std::string& must_mention) {
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  EXPECT_NE(r.err.find(must_mention), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("terminate called"), std::string::npos);
}

TEST(Cli, UnknownFlagIsExit2) { expect_bad_input(drydock({"lint", "--bogus", "x"}), "--bogus"); }
TEST(Cli, UnknownCommandIsExit2) { expect_bad_input(drydock({"frobnicate"}), "frobnicate"); }
TEST(Cli, MissingPathIsExit2) {
  expect_bad_input(drydock({"lint", "/nonexistent/Dockerfile"}), "/nonexistent/Dockerfile");
  expect_bad_input(drydock({"scan", "/nonexistent/dir"}), "/nonexistent/dir");
}

TEST(Cli, EmptyDirectoryIsExit2) {
  TempDir d;
  expect_bad_input(drydock({"scan", d.path().string()}), d.path().string());
  expect_bad_input(drydock({"lint", d.path().string()}), d.path().string());
}

TEST(Cli, UnreadableFileIsExit2) {
  TempDir d;
  auto p = d.write("Dockerfile", "FROM scratch\n");
  expect_bad_input(drydock({"lint", d.path().string() + "/sub"}), "sub");
  // A directory where a file is expected.
  std::filesystem::create_directories(d.path() / "Dockerfile.dir");
  expect_bad_input(drydock({"lint", "--context", d.path().string(), (d.path() / "Dockerfile.dir").string()}),
                   "Dockerfile.dir");
}

TEST(Cli, MalformedConfigIsExit2) {
  TempDir d;
  d.write("Dockerfile", "FROM alpine:3.20\n");
  auto cfg = d.write(".drydock.yaml", "ignore: [\n");
  expect_bad_input(drydock({"lint", d.path().string()}), ".drydock.yaml");
  expect_bad_input(drydock({"lint", "--config", (d.path() / "missing.yaml").string(), d.path().string()}),
                   "missing.yaml");
}

TEST(Cli, BadFormatIsExit2) { expect_bad_input(drydock({"rules", "--format", "xml"}), "xml"); }

TEST(Cli, VersionAndHelp) {
  auto v = drydock({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("drydock 0.1.0"), std::string::npos);
  auto h = drydock({"--help"});
  EXPECT_EQ(h.status, 0);
  for (const char* cmd : {"scan", "lint", "rules"}) EXPECT_NE(h.out.find(cmd), std::string::npos) << cmd;
}

TEST(Cli, RulesAsJsonListsEveryRuleWithMetadata) {
  auto r = drydock({"rules", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GT(j["rules"].size(), 1u);
  std::set<std::string> ids;
  for (const auto& rule : j["rules"]) {
    ids.insert(rule["id"].get<std::string>());
    EXPECT_FALSE(rule["summary"].get<std::string>().empty()) << rule["id"];
    EXPECT_FALSE(rule["category"].get<std::string>().empty()) << rule["id"];
  }
  EXPECT_TRUE(ids.count("DD0001"));
  EXPECT_TRUE(ids.count("DD1001"));
}

// Every rule the binary knows has its doc page, and the page names the
// incident, why it matters and the fix.
TEST(Docs, EveryRuleHasADocPage) {
  auto r = drydock({"rules", "--format", "json"});
  ASSERT_EQ(r.status, 0);
  auto j = nlohmann::json::parse(r.out);
  const std::string readme = read_text(source_dir() / "README.md");
  for (const auto& rule : j["rules"]) {
    std::string id = rule["id"];
    auto page = source_dir() / "docs" / "rules" / (id + ".md");
    ASSERT_TRUE(std::filesystem::exists(page)) << "missing " << page;
    std::string text = read_text(page);
    EXPECT_NE(text.find("# " + id), std::string::npos) << page;
    EXPECT_NE(text.find("## Fix"), std::string::npos) << page;
    EXPECT_NE(readme.find("[" + id + "](docs/rules/" + id + ".md)"), std::string::npos)
        << id << " missing from the README's rule table: run scripts/gen-readme.py";
  }
}

TEST(Cli, FailOnControlsExitStatus) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\nMAINTAINER someone\n");  // DD1001 is info
  auto none = drydock({"lint", "--fail-on", "none", "--no-context", df.string()});
  EXPECT_EQ(none.status, 0) << none.err;
  auto info = drydock({"lint", "--fail-on", "info", "--no-context", df.string()});
  EXPECT_EQ(info.status, 1) << info.err;
  auto ignored = drydock({"lint", "--fail-on", "info", "--no-context", df.string()}, {});
  d.write(".drydock.yaml", "ignore: [DL4000]\n");
  auto after = drydock({"lint", "--format", "json", "--fail-on", "info", "--no-context", df.string()});
  auto j = nlohmann::json::parse(after.out);
  for (const auto& f : j["findings"]) EXPECT_NE(f["rule"], "DD1001") << "ignored through its hadolint alias";
}

TEST(Cli, InlinePragmasSuppress) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\n# drydock ignore=DD1001\nMAINTAINER someone\n");
  auto r = drydock({"lint", "--format", "json", "--fail-on", "none", "--no-context", df.string()});
  auto j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"]) EXPECT_NE(f["rule"], "DD1001");
  auto g = d.write("Dockerfile.g", "# drydock global ignore=DD1001\nFROM alpine:3.20\nMAINTAINER someone\n");
  auto rg = drydock({"lint", "--format", "json", "--fail-on", "none", "--no-context", g.string()});
  for (const auto& f : nlohmann::json::parse(rg.out)["findings"]) EXPECT_NE(f["rule"], "DD1001");
}

TEST(Cli, FixPrintsUnifiedDiffAndWriteApplies) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n");
  auto r = drydock({"lint", "--fix", "--no-context", df.string()});
  EXPECT_EQ(r.status, 1) << "a diff to apply";
  EXPECT_NE(r.out.find("--- a/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-MAINTAINER Jane <jane@example.com>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+LABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\""), std::string::npos)
      << r.out;
  auto w = drydock({"lint", "--fix", "--write", "--no-context", "--fail-on", "none", df.string()});
  EXPECT_EQ(w.status, 0) << w.err;
  EXPECT_NE(read_text(df).find("LABEL org.opencontainers.image.authors"), std::string::npos);
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// drydock's own Dockerfile is the first thing a reviewer lints.
// `drydock lint -` reads the Dockerfile from standard input, as hadolint
// does; with --context it also checks that context (docker build -f - DIR).
TEST(Cli, LintReadsStandardInput) {
  TempDir d;
  auto df = d.write("in.Dockerfile", "FROM node:22-slim\nCOPY . .\nCMD node server.js\n");
  d.write("ctx/.env", "DB_PASSWORD=hunter2hunter2\n");
  auto sh = [&](const std::string& args) {
    return run({"/bin/sh", "-c", drydock_binary() + " " + args + " < " + df.string()});
  };
  auto r = sh("lint --format json --fail-on none -");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"file\": \"-\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"DD1008\""), std::string::npos) << "shell-form CMD found\n" << r.out;
  EXPECT_EQ(r.out.find("\"DD3001\""), std::string::npos) << "no context without --context";
  auto c = sh("lint --format json --fail-on none --context " + (d.path() / "ctx").string() + " -");
  EXPECT_NE(c.out.find("\"DD3001\""), std::string::npos) << "the .env in the context is sent\n" << c.out;
  auto f = sh("lint --fix -");
  EXPECT_NE(f.out.find("+CMD [\"node\", \"server.js\"]"), std::string::npos) << f.out;
  // The text report shows the source line even though standard input cannot be read twice.
  auto t = sh("lint --no-color --fail-on none -");
  EXPECT_NE(t.out.find("  3 | CMD node server.js\n"), std::string::npos) << t.out;
  // --stdin-filename (hadolint's --file-path-in-report): the name in the
  // report, the diff and the code frames, and the config found beside it.
  auto named = (d.path() / "svc" / "Dockerfile").string();
  d.write("svc/.drydock.yaml", "ignore: [DD1008]\n");
  auto n = sh("lint --format json --fail-on none --stdin-filename " + named + " -");
  EXPECT_NE(n.out.find("\"file\": \"" + named + "\""), std::string::npos) << n.out;
  EXPECT_EQ(n.out.find("\"file\": \"-\""), std::string::npos) << n.out;
  EXPECT_EQ(n.out.find("\"DD1008\""), std::string::npos) << "the config beside the name applies\n" << n.out;
  auto nt = sh("lint --no-color --fail-on none --file-path-in-report " + named + " -");
  EXPECT_NE(nt.out.find(named + ":2:8"), std::string::npos) << nt.out;
  EXPECT_NE(nt.out.find("  2 | COPY . .\n"), std::string::npos) << nt.out;
  EXPECT_NE(sh("lint --fix --stdin-filename " + named + " -").out.find("--- a/" + named.substr(1) + "\n"), std::string::npos);
  expect_bad_input(drydock({"lint", "--stdin-filename", named, df.string()}), "--stdin-filename");
  expect_bad_input(sh("lint --fix --write -"), "standard input");
}

// Files are rendered on the lint workers and joined in path order; when two
// Dockerfiles report on one context file the joined pieces would be out of
// order, and the report must still come out sorted.
TEST(Cli, LintReportIsSortedAcrossFiles) {
  TempDir d;
  d.write("app/.dockerignore", "node_modules\n[\n");  // line 2 is refused by the engine (DD3007)
  auto a = d.write("app/Dockerfile", "FROM node:22-slim\nCMD node a.js\n");
  auto b = d.write("app/Dockerfile.dev", "FROM node:22-slim\nCMD node b.js\n");
  auto c = d.write("other/Dockerfile", "FROM alpine:3.20\nRUN apk add curl\n");
  auto r = drydock({"lint", "--format", "json", "--fail-on", "none", c.string(), b.string(), a.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::pair<std::string, int>> keys;
  for (const auto& f : j["findings"]) keys.push_back({f["location"]["file"], f["location"].value("line", 0)});
  ASSERT_GE(keys.size(), 6u) << r.out;
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end())) << r.out;
  ASSERT_EQ(std::count_if(keys.begin(), keys.end(), [](const auto& k) { return k.first.ends_with(".dockerignore"); }), 2)
      << r.out;
  EXPECT_TRUE(keys[0].first.ends_with(".dockerignore") && keys[1].first.ends_with(".dockerignore")) << r.out;
  int n = static_cast<int>(j["findings"].size());
  EXPECT_EQ(j["summary"]["error"].get<int>() + j["summary"]["warning"].get<int>() + j["summary"]["info"].get<int>(), n);
  // The text report has the same findings and counts them.
  auto t = drydock({"lint", "--fail-on", "none", c.string(), b.string(), a.string()});
  EXPECT_NE(t.out.find(std::to_string(n) + " findings: "), std::string::npos) << t.out;
  EXPECT_LT(t.out.find("app/.dockerignore:2"), t.out.find("other/Dockerfile")) << t.out;
  // The exit status follows the summary: DD3007 is an error.
  EXPECT_EQ(drydock({"lint", "--format", "json", a.string(), c.string()}).status, 1);
  // A file with a single finding, followed in path order by one whose first
  // finding (on the shared .dockerignore) sorts before it.
  d.write("one/.dockerignore", "[\n");
  d.write("one/Dockerfile.dockerignore", "node_modules\n");
  auto single = d.write("one/Dockerfile", "FROM busybox:1.36\nUSER 10001\nCMD [\"true\"]\n");
  auto later = d.write("one/Dockerfile.x", "FROM busybox:1.36\nUSER 10001\nCMD [\"true\"]\n");
  auto s1 = drydock({"lint", "--format", "json", "--fail-on", "none", single.string(), later.string()});
  auto j1 = nlohmann::json::parse(s1.out);
  std::vector<std::string> files;
  for (const auto& f : j1["findings"]) files.push_back(std::filesystem::path(f["location"]["file"].get<std::string>()).filename());
  EXPECT_EQ(files, (std::vector<std::string>{".dockerignore", "Dockerfile", "Dockerfile.x"})) << s1.out;
  auto clean = d.write("clean/Dockerfile", "FROM scratch\nCOPY --chown=10001 app /app\nUSER 10001\n");
  auto e = drydock({"lint", "--no-context", "--format", "json", "--fail-on", "error", clean.string()});
  EXPECT_EQ(e.status, 0) << e.out;
}

// Dockerfiles of one context share its walk, but a Dockerfile-specific
// ignore file makes a different context: each file keeps its own.
TEST(Cli, LintSharesAContextOnlyWithTheSameIgnoreFile) {
  TempDir d;
  d.write("app/.env", "DB_PASSWORD=hunter2hunter2\n");
  d.write("app/.dockerignore", "node_modules\n");
  d.write("app/Dockerfile.prod.dockerignore", ".env\n");
  std::string body = "FROM node:22-slim\nCOPY . .\nUSER node\nCMD [\"node\", \"a.js\"]\n";
  auto dev = d.write("app/Dockerfile.dev", body);
  auto main_df = d.write("app/Dockerfile", body);
  auto prod = d.write("app/Dockerfile.prod", body);
  auto r = drydock({"lint", "--format", "json", "--fail-on", "none", dev.string(), main_df.string(), prod.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::string> sent;  // files whose COPY sends the .env
  auto j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"])
    if (f["rule"] == "DD3001") sent.insert(std::filesystem::path(f["location"]["file"].get<std::string>()).filename());
  EXPECT_EQ(sent, (std::set<std::string>{"Dockerfile", "Dockerfile.dev"})) << r.out;
}

// Without a context the report is written file by file as the files are
// linted: it must still be every file's report, in path order, whatever
// order the paths were given in, with one summary; a file that cannot be
// read still fails the run.
TEST(Cli, LintWithoutContextStreamsEachFileInPathOrder) {
  TempDir d;
  const std::vector<std::string> bodies = {
      "FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y curl\n",
      "FROM node:16\nCOPY . .\nRUN npm install\nCMD npm start\n",
      "FROM busybox:1.36\nUSER 10001\nCMD [\"true\"]\n",  // clean: no finding
      "from alpine:3.20\nrun apk add curl\nEXPOSE 8080\n",
  };
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i)
    paths.push_back(d.write("f" + std::to_string(i) + "/Dockerfile", bodies[i % bodies.size()]).string());
  std::vector<std::string> shuffled = paths;
  std::reverse(shuffled.begin(), shuffled.end());
  std::swap(shuffled[3], shuffled[17]);
  std::vector<std::string> args = {"lint", "--no-context", "--format", "json", "--fail-on", "none"};
  args.insert(args.end(), shuffled.begin(), shuffled.end());
  auto r = drydock(args);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  // The same findings as each file linted alone, concatenated in path order.
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& p : sorted) {
    auto one = drydock({"lint", "--no-context", "--format", "json", "--fail-on", "none", p});
    auto oj = nlohmann::json::parse(one.out);
    for (auto& f : oj["findings"]) expected.push_back(f);
  }
  ASSERT_GT(expected.size(), 60u);
  EXPECT_EQ(j["findings"], expected);
  int n = static_cast<int>(expected.size());
  EXPECT_EQ(j["summary"]["error"].get<int>() + j["summary"]["warning"].get<int>() + j["summary"]["info"].get<int>(), n);
  // The text report counts them too, and the threshold sees every file.
  args[3] = "text";
  auto t = drydock(args);
  EXPECT_NE(t.out.find(std::to_string(n) + " findings: "), std::string::npos) << t.out;
  args[5] = "warning";
  EXPECT_EQ(drydock(args).status, 1);
  // A file that exists but cannot be read (read() fails with EIO, even for
  // root), linted after others: exit 2 and one line naming it.
  args.push_back("/proc/self/mem");
  auto bad = drydock(args);
  EXPECT_EQ(bad.status, 2) << bad.err;
  EXPECT_NE(bad.err.find("/proc/self/mem: cannot read"), std::string::npos) << bad.err;
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
}

// The rule ids `lint --no-context --format json` reports for `file` with the
// `extra` flags, one per finding.
std::multiset<std::string> rules_reported(const std::filesystem::path& file, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"lint", "--no-context", "--format", "json", "--fail-on", "none"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(file.string());
  auto r = drydock(args);
  EXPECT_EQ(r.status, 0) << r.err;
  std::multiset<std::string> out;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"]) out.insert(f["rule"].get<std::string>());
  return out;
}

// --ignore and --trusted-registry, as hadolint users pass them: peer ids
// resolve, commas and repeats add up, and an id that names no rule is bad
// input rather than silently nothing.
TEST(Cli, IgnoreAndTrustedRegistryFlags) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM docker.io/library/ubuntu\nRUN apt-get update && apt-get install -y curl\n");
  auto rules_of = [&](const std::vector<std::string>& extra) {
    auto each = rules_reported(df, extra);
    return std::set<std::string>(each.begin(), each.end());
  };
  auto all = rules_of({});
  ASSERT_TRUE(all.count("DD1104") && all.count("DD2070") && all.count("DD2050")) << testing::PrintToString(all);
  EXPECT_FALSE(all.count("DD1031"));
  auto some = rules_of({"--ignore", "DL3008,DD2070", "--ignore", "DD2050"});  // DL3008 is DD1104
  EXPECT_FALSE(some.count("DD1104") || some.count("DD2070") || some.count("DD2050")) << testing::PrintToString(some);
  EXPECT_EQ(some.size(), all.size() - 3);
  EXPECT_TRUE(rules_of({"--trusted-registry", "registry.example.com"}).count("DD1031"));
  EXPECT_FALSE(rules_of({"--trusted-registry", "registry.example.com,docker.io"}).count("DD1031"));
  auto bad = drydock({"lint", "--ignore", "DL9999", df.string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--ignore DL9999: no such rule"), std::string::npos) << bad.err;
  // Each flag takes one word: the paths after it are still paths.
  auto other = d.write("b/Dockerfile", "FROM ubuntu\n");
  auto two = drydock({"lint", "--no-context", "--format", "json", "--fail-on", "none", "--ignore", "DD2050",
                      "--require-label", "maintainer", df.string(), other.string()});
  ASSERT_EQ(two.status, 0) << two.err;
  auto j2 = nlohmann::json::parse(two.out);
  std::set<std::string> files;
  for (const auto& f : j2["findings"]) files.insert(f["location"]["file"].get<std::string>());
  EXPECT_EQ(files, (std::set<std::string>{df.string(), other.string()}));
}

// hadolint's --require-label and --strict-labels.
TEST(Cli, RequireLabelAndStrictLabelsFlags) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1 extra=1\nUSER 1000\n");
  auto rules_of = [&](const std::vector<std::string>& extra) { return rules_reported(df, extra); };
  auto none = rules_of({});
  EXPECT_EQ(none.count("DD1131") + none.count("DD1132") + none.count("DD1138"), 0u);
  auto got = rules_of({"--require-label", "org.opencontainers.image.version:semver,maintainer:email", "--strict-labels"});
  EXPECT_EQ(got.count("DD1138"), 1u);  // v1 is not a semantic version
  EXPECT_EQ(got.count("DD1131"), 1u);  // maintainer is missing
  EXPECT_EQ(got.count("DD1132"), 1u);  // extra is not in the schema
  auto bad = drydock({"lint", "--require-label", "created:date", df.string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("label type 'date'"), std::string::npos) << bad.err;
}

// hadolint's --failure-threshold and --no-fail, for CI lines copied over.
TEST(Cli, HadolintFailureThresholdSpellings) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\nRUN apk add curl\nUSER 1000\n");  // warnings and infos, no error
  auto status = [&](std::vector<std::string> flags) {
    std::vector<std::string> args = {"lint", "--no-context"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(df.string());
    return drydock(args).status;
  };
  EXPECT_EQ(status({}), 0);
  EXPECT_EQ(status({"--failure-threshold", "warning"}), 1);
  EXPECT_EQ(status({"--failure-threshold", "style"}), 1);  // style is hadolint's lowest: info here
  EXPECT_EQ(status({"--failure-threshold", "ignore"}), 0);
  EXPECT_EQ(status({"--failure-threshold", "error"}), 0);
  EXPECT_EQ(status({"--fail-on", "info", "--no-fail"}), 0);
  EXPECT_EQ(status({"--failure-threshold", "loud"}), 2);
}

// hadolint's --error/--warning/--info/--style RULE and --disable-ignore-pragma,
// and its config keys failure-threshold and no-fail.
TEST(Cli, HadolintSeverityOverridesAndPragmaSwitch) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\nUSER 1000\n");
  auto run = [&](std::vector<std::string> flags) {
    std::vector<std::string> args = {"lint", "--no-context", "--format", "json"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(df.string());
    return drydock(args);
  };
  auto severity_of = [](const std::string& out, const std::string& rule) {
    auto j = nlohmann::json::parse(out);
    for (const auto& f : j["findings"])
      if (f["rule"] == rule) return f["severity"].get<std::string>();
    return std::string("absent");
  };
  auto plain = run({});
  EXPECT_EQ(plain.status, 0) << plain.err;
  EXPECT_EQ(severity_of(plain.out, "DD2071"), "info");
  EXPECT_EQ(severity_of(plain.out, "DD1109"), "absent");  // the pragma holds
  EXPECT_EQ(severity_of(plain.out, "DD1141"), "absent");  // off by default
  auto raised = run({"--error", "DD2071", "--warning", "DL1001"});
  EXPECT_EQ(raised.status, 1) << raised.err;
  EXPECT_EQ(severity_of(raised.out, "DD2071"), "error");
  EXPECT_EQ(severity_of(raised.out, "DD1141"), "warning");
  EXPECT_EQ(severity_of(run({"--style", "DD2071"}).out, "DD2071"), "info");
  auto lowered = run({"--info", "DL3018,DD2071", "--disable-ignore-pragma"});
  EXPECT_EQ(severity_of(lowered.out, "DD1109"), "info");  // the pragma is not honoured, and DL3018 is DD1109
  auto bad = run({"--warning", "DL9999"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--warning DL9999: no such rule"), std::string::npos) << bad.err;

  d.write(".hadolint.yaml", "failure-threshold: info\n");
  EXPECT_EQ(run({}).status, 1);
  d.write(".hadolint.yaml", "failure-threshold: info\nno-fail: true\n");
  EXPECT_EQ(run({}).status, 0);
  d.write(".hadolint.yaml", "failure-threshold: loud\n");
  auto r = run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(".hadolint.yaml: unknown severity 'loud'"), std::string::npos) << r.err;
}

TEST(OwnDockerfile, HasNoWarnings) {
  auto r = drydock({"lint", "--format", "json", "--fail-on", "warning", (source_dir() / "Dockerfile").string()});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// The compiled secret database is cached in the user's cache folder; a run
// with the cache gives the same findings as the run that wrote it.
// Every output format shows the redacted form only, with the file and line.
TEST(Cli, LintNeverPrintsASecretInAnyFormat) {
  TempDir d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                                  "RUN curl -H 'Authorization: token ghp_0123456789abcdefghijklmnopqrstuvwxyz' x\n");
  for (const char* fmt : {"text", "json", "sarif", "codeclimate", "checkstyle", "gnu", "sonarqube"}) {
    auto r = drydock({"lint", "--no-context", "--format", fmt, df.string()});
    EXPECT_EQ(r.status, 1) << fmt << r.err;
    EXPECT_EQ((r.out + r.err).find("wJalrXUtnFEMI/K7MDENG"), std::string::npos) << fmt;
    EXPECT_EQ((r.out + r.err).find("ghp_0123456789abcdefghij"), std::string::npos) << fmt;
    EXPECT_NE(r.out.find("DD2030"), std::string::npos) << fmt;
  }
}

TEST(SecretsCache, SecondRunReadsTheCacheAndAgrees) {
  TempDir cache, d;
  auto df = d.write("Dockerfile", "FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
  std::vector<std::string> env{"XDG_CACHE_HOME=" + cache.path().string()};
  auto first = drydock({"lint", "--format", "json", "--fail-on", "none", "--no-context", df.string()}, env);
  ASSERT_EQ(first.status, 0) << first.err;
  bool cached = false;
  for (auto& e : std::filesystem::recursive_directory_iterator(cache.path()))
    cached |= e.path().extension() == ".hsdb";
  EXPECT_TRUE(cached);
  auto second = drydock({"lint", "--format", "json", "--fail-on", "none", "--no-context", df.string()}, env);
  EXPECT_EQ(second.out, first.out);
  EXPECT_EQ(first.out.find("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), std::string::npos);
  EXPECT_NE(first.out.find("secret-leak"), std::string::npos);
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// Edits that overlap in one pass (the reorder and the pip flag) both land:
// --fix re-lints and applies again until nothing changes.
TEST(Fix, SeveralRulesFixTheSameFileInPasses) {
  TempDir d;
  d.write("package.json", "{}");
  d.write("package-lock.json", "{}");
  auto df = d.write("Dockerfile",
                    "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN pip install flask\nCMD node server.js\n");
  auto r = drydock({"lint", "--fix", df.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("+COPY package-lock.json package.json ./"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+RUN pip install --no-cache-dir flask"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+CMD [\"node\", \"server.js\"]"), std::string::npos) << r.out;
  auto w = drydock({"lint", "--fix", "--write", "--fail-on", "none", df.string()});
  EXPECT_EQ(w.status, 0) << w.err;
  auto again = drydock({"lint", "--fix", df.string()});
  EXPECT_EQ(again.out, "") << "a fixed file has nothing left to fix";
}

}  // namespace
}  // namespace dd::test

namespace dd::test {
namespace {

// --fix adds the .dockerignore lines the context rules ask for: a new file
// (diffed from /dev/null) or lines appended to the one in use.
TEST(Fix, DockerignoreEntriesAreAddedOrCreated) {
  TempDir d;
  d.write(".git/HEAD", "ref: refs/heads/main\n");
  d.write(".env", "DB_PASSWORD=hunter2hunter2\n");
  d.write("server.js", "console.log(1)\n");
  auto df = d.write("Dockerfile", "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n");
  auto r = drydock({"lint", "--fix", d.path().string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("--- /dev/null\n+++ b/" + (d.path() / ".dockerignore").relative_path().string() + "\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n+.git\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n+**/.env\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\n+.env\n"), std::string::npos) << "**/.env already covers the root\n" << r.out;
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << "no secret in the diff";
  auto w = drydock({"lint", "--fix", "--write", "--fail-on", "none", d.path().string()});
  EXPECT_EQ(w.status, 0) << w.err;
  auto after = drydock({"lint", "--format", "json", "--fail-on", "none", d.path().string()});
  for (const char* rule : {"DD3001", "DD3002", "DD3005"})
    EXPECT_EQ(after.out.find(std::string("\"") + rule + "\""), std::string::npos) << rule << " still reported";
  EXPECT_EQ(drydock({"lint", "--fix", d.path().string()}).out, "") << "nothing left to fix";
}

TEST(Fix, DockerignoreLinesAreAppendedToTheFileInUse) {
  TempDir d;
  d.write(".dockerignore", "node_modules");  // no final newline
  d.write("certs/server.key", "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n");
  d.write("Dockerfile", "FROM nginx:1.27\nCOPY . /usr/share/nginx/html\n");
  auto w = drydock({"lint", "--fix", "--write", "--fail-on", "none", d.path().string()});
  EXPECT_EQ(w.status, 0) << w.err;
  std::string ignore = read_text(d.path() / ".dockerignore");
  EXPECT_EQ(ignore.rfind("node_modules\n", 0), 0u) << ignore;
  EXPECT_NE(ignore.find("\n**/*.key\n"), std::string::npos) << ignore;
}

}  // namespace
}  // namespace dd::test
