#include <cstdlib>

#include "core/error.h"
#include "rule_test.h"

namespace dd::test {
namespace {

Config with_shellcheck() {
  Config c;
  c.shellcheck = true;
  return c;
}

bool has_code(const std::vector<Finding>& f, const std::string& code, int line) {
  return std::any_of(f.begin(), f.end(), [&](const Finding& x) {
    return x.location.line == line && !x.tags.empty() && x.tags[0] == code;
  });
}

TEST(ShellCheck, FindingsAtTheirLineAndColumnWithTheCode) {
  const std::string df =
      "FROM debian:bookworm-slim\n"
      "ARG version=1.0\n"
      "RUN cd /tmp \\\n"
      "    && echo \"h\xc3\xa9llo\" $version $undefined_var\n"  // a two-byte character before the words
      "RUN cd /app; make\n";
  auto f = only(lint(df, with_shellcheck()), "DD1140");
  // SC2086 on $version: line 4, column 22 (characters, not bytes, before it: 'é' is one).
  auto it = std::find_if(f.begin(), f.end(), [](const Finding& x) { return x.tags[0] == "SC2086"; });
  ASSERT_NE(it, f.end());
  EXPECT_EQ(it->location.line, 4);
  EXPECT_EQ(it->location.column, 22);
  EXPECT_EQ(it->location.end_column, 30);
  EXPECT_EQ(it->severity, Severity::info);  // ShellCheck's info level
  EXPECT_NE(it->message.find("SC2086: Double quote"), std::string::npos) << it->message;
  EXPECT_EQ(it->fix, "https://www.shellcheck.net/wiki/SC2086");
  // An ARG is declared to ShellCheck, an unknown lower-case name is not.
  EXPECT_TRUE(has_code(f, "SC2154", 4));
  for (const auto& x : f)
    if (x.tags[0] == "SC2154") {
      EXPECT_EQ(x.message.find("version"), std::string::npos) << x.message;
    }
  // cd without || exit, and its warning level.
  ASSERT_TRUE(has_code(f, "SC2164", 5));
  for (const auto& x : f)
    if (x.tags[0] == "SC2164") {
      EXPECT_EQ(x.severity, Severity::warning);
    }
}

// `RUN <<EOF` runs the body as the script; a #! line picks its interpreter;
// `RUN cmd <<EOF` feeds the body to cmd. Findings land inside the body.
TEST(ShellCheck, HeredocBodiesAreCheckedWhereTheyAre) {
  const std::string df =
      "FROM debian:bookworm-slim\n"
      "RUN <<EOF\n"
      "umask 022\n"
      "cd /tmp; echo $HOME\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/usr/bin/env python3\n"
      "print('$x')\n"
      "EOF\n"
      "RUN cat <<EOF > /etc/motd\n"
      "hello\n"
      "EOF\n"
      "RUN echo $1\n";
  auto f = only(lint(df, with_shellcheck()), "DD1140");
  ASSERT_TRUE(has_code(f, "SC2164", 4)) << testing::PrintToString(f.size());
  for (const auto& x : f) {
    EXPECT_TRUE(x.location.line == 4 || x.location.line == 13) << x.location.line << " " << x.message;
    if (x.tags[0] == "SC2086" && x.location.line == 4) {
      EXPECT_EQ(x.location.column, 15);
    }
  }
  EXPECT_TRUE(has_code(f, "SC2086", 13));  // after the heredocs: positions still right
}

TEST(ShellCheck, TheShellDecidesTheDialect) {
  auto sh = only(lint("FROM debian:bookworm-slim\nRUN [[ -n \"$HOME\" ]] && echo ok\n", with_shellcheck()), "DD1140");
  EXPECT_TRUE(has_code(sh, "SC3010", 2)) << "[[ ]] is undefined in POSIX sh";
  auto bash = only(lint("FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                        "RUN [[ -n \"$HOME\" ]] && echo ok\n",
                        with_shellcheck()),
                   "DD1140");
  EXPECT_TRUE(bash.empty());
  // PowerShell is not read at all; exec form is not a shell script.
  EXPECT_TRUE(only(lint("FROM mcr.microsoft.com/powershell\nSHELL [\"pwsh\", \"-Command\"]\nRUN echo $x\n",
                        with_shellcheck()),
                   "DD1140")
                  .empty());
  EXPECT_TRUE(only(lint("FROM debian:bookworm-slim\nRUN [\"sh\", \"-c\", \"echo $x\"]\n", with_shellcheck()), "DD1140").empty());
}

TEST(ShellCheck, CodesTurnedOffByPragmaOrConfig) {
  const std::string df = "FROM debian:bookworm-slim\n# hadolint ignore=SC2164\nRUN cd /tmp; make\nRUN cd /x; make\n";
  auto f = only(lint(df, with_shellcheck()), "DD1140");
  EXPECT_FALSE(has_code(f, "SC2164", 3));  // the pragma
  EXPECT_TRUE(has_code(f, "SC2164", 4));
  Config c = with_shellcheck();
  EXPECT_TRUE(add_ignored(c, {"SC2164"}).empty());
  EXPECT_FALSE(has_code(only(lint(df, c), "DD1140"), "SC2164", 4));
}

TEST(ShellCheck, OffByDefaultAndAClearErrorWithoutTheProgram) {
  const std::string df = "FROM debian:bookworm-slim\nRUN cd /tmp; echo $x\n";
  EXPECT_EQ(count(lint(df), "DD1140"), 0);
  TempDir empty;
  std::string old = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", empty.path().c_str(), 1);
  try {
    lint(df, with_shellcheck());
    ADD_FAILURE() << "no error without shellcheck";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("shellcheck"), std::string::npos) << e.what();
  }
  ::setenv("PATH", old.c_str(), 1);
}

}  // namespace
}  // namespace dd::test
