// One command model: the hadolint ports (DD1xxx) and the incident rules
// (DD2xxx) read the same commands, so a wrapper in front of a program changes
// nothing for either family.
#include <set>

#include "rule_test.h"

namespace dd::test {
namespace {

std::string join(const std::vector<std::string>& w, const char* sep) {
  std::string s;
  for (const auto& x : w) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::multiset<std::string> rules_of(const std::vector<std::string>& wrapper) {
  std::string p = join(wrapper, " ");
  if (!p.empty()) p += " ";
  std::string exec = "[";
  for (const auto& w : wrapper) exec += "\"" + w + "\", ";
  exec += "\"mongod\", \"--fork\"]";
  auto all = lint("FROM debian:12\nRUN " + p + "apt-get update && " + p + "apt-get install curl\nCMD " + exec + "\n");
  std::multiset<std::string> out;
  for (const auto& f : all)
    if (f.rule != "DD1103") out.insert(f.rule);  // sudo-in-run judges the wrapper itself
  return out;
}

TEST(CommandModel, WrappersAreSeenIdenticallyByBothFamilies) {
  auto bare = rules_of({});
  // Both families fire on the bare line: no -y (DD1105), no
  // --no-install-recommends (DD1104), the apt cache (DD2021/DD2022) and
  // mongod --fork as the start command (DD2010).
  for (const char* id : {"DD1104", "DD1105", "DD2021", "DD2010"}) EXPECT_EQ(bare.count(id), 1u) << id;
  const std::vector<std::vector<std::string>> wrappers = {
      {"stdbuf", "-oL"}, {"sudo", "-u", "x"}, {"env", "A=1"}, {"timeout", "5"},
      {"nice", "-n", "5"}, {"chroot", "/target"}, {"env", "-i", "A=1", "nohup"},
  };
  for (const auto& w : wrappers) EXPECT_EQ(rules_of(w), bare) << join(w, " ");
}

TEST(CommandModel, FindingsPointAtTheRealProgram) {
  auto f = only(lint("FROM debian:12\nRUN stdbuf -oL apt-get install curl\n"), "DD1105");
  ASSERT_EQ(f.size(), 1u);
  auto g = only(lint("FROM debian:12\nRUN apt-get install curl\n"), "DD1105");
  ASSERT_EQ(g.size(), 1u);
  // The same word, shifted by the wrapper ("stdbuf -oL " is 11 columns).
  EXPECT_EQ(f[0].location.column, g[0].location.column + 11);
  EXPECT_EQ(f[0].location.end_column - f[0].location.column, g[0].location.end_column - g[0].location.column);
}

TEST(CommandModel, ExecFormShellScriptIsTheSameCommand) {
  auto a = only(lint("FROM debian:12\nCMD [\"sh\", \"-c\", \"stdbuf -oL gunicorn -D app:app\"]\n"), "DD2010");
  auto b = only(lint("FROM debian:12\nCMD stdbuf -oL gunicorn -D app:app\n"), "DD2010");
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(b.size(), 1u);
}

}  // namespace
}  // namespace dd::test
