// The one command model: every domain tokenizes a command into kb::Command
// with one wrapper list and one option matcher.
#include "knowledge/command.h"

#include <gtest/gtest.h>

#include "knowledge/programs.h"

namespace dd::kb {
namespace {

// The real program is found after each wrapper, with its options and operands.
TEST(Command, WrappersAreSeenThrough) {
  struct Case {
    const char* script;
    const char* program;
  };
  const Case cases[] = {
      {"apt-get install curl", "apt-get"},
      {"stdbuf -oL apt-get install curl", "apt-get"},
      {"sudo -u x apt-get install curl", "apt-get"},
      {"sudo -E -u x /usr/bin/apt-get install curl", "apt-get"},
      {"env A=1 apt-get install curl", "apt-get"},
      {"env -i A=1 B=2 apt-get install curl", "apt-get"},
      {"timeout 5 apt-get install curl", "apt-get"},
      {"timeout -s KILL 5 apt-get install curl", "apt-get"},
      {"nice -n 5 apt-get install curl", "apt-get"},
      {"chroot /target apt-get install curl", "apt-get"},
      {"A=1 B=2 apt-get install curl", "apt-get"},
      {"nohup gosu app sudo -u y apt-get install curl", "apt-get"},
      {"python3 -m pip install flask", "pip"},
      {"sudo python -m pip install flask", "pip"},
  };
  for (const auto& c : cases) {
    auto cmds = shell_commands(c.script);
    ASSERT_EQ(cmds.size(), 1u) << c.script;
    EXPECT_EQ(cmds[0].name(), c.program) << c.script;
    EXPECT_EQ(cmds[0].arg(cmds[0].prog + 1), "install") << c.script;
    EXPECT_FALSE(cmds[0].wrappers_only()) << c.script;
  }
}

TEST(Command, OnlyWrappersKeepsTheFirstWord) {
  auto cmds = exec_commands({"tini", "--"});
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(cmds[0].prog, 0u);
  EXPECT_TRUE(cmds[0].wrappers_only());
  EXPECT_EQ(cmds[0].name(), "tini");
}

// exe is the executable the wrappers run, prog the program it runs: they
// differ for `python -m MODULE` and for wrappers alone; locate() sets both
// again when words are appended (CMD after an exec ENTRYPOINT).
TEST(Command, ExecutableAndProgram) {
  auto py = exec_commands({"sudo", "-u", "app", "python3", "-m", "pip", "install", "x"});
  ASSERT_EQ(py.size(), 1u);
  EXPECT_EQ(py[0].exe, 3u);
  EXPECT_EQ(py[0].prog, 5u);
  EXPECT_EQ(py[0].name(), "pip");
  auto tini = exec_commands({"tini", "--"});
  EXPECT_EQ(tini[0].exe, 2u);
  EXPECT_TRUE(tini[0].wrappers_only());
  tini[0].argv.push_back("node");
  tini[0].locate();
  EXPECT_EQ(tini[0].exe, 2u);
  EXPECT_EQ(tini[0].prog, 2u);
  EXPECT_FALSE(tini[0].wrappers_only());
  EXPECT_EQ(tini[0].name(), "node");
}

TEST(Command, ShellFormKeepsWordOffsetsAndConnectors) {
  std::string s = "cd /app && sudo -u app make install > /tmp/log 2>&1 &";
  auto cmds = shell_commands(s);
  ASSERT_EQ(cmds.size(), 2u);
  EXPECT_EQ(cmds[0].next, shell::Connector::and_);
  EXPECT_EQ(cmds[1].name(), "make");
  ASSERT_EQ(cmds[1].spans.size(), cmds[1].size());
  auto [b, e] = cmds[1].spans[cmds[1].prog];
  EXPECT_EQ(s.substr(b, e - b), "make");
  EXPECT_EQ(s.substr(cmds[1].begin, 4), "sudo");
  ASSERT_EQ(cmds[1].redirects.size(), 2u);
  EXPECT_EQ(cmds[1].redirects[0].second, "/tmp/log");
  EXPECT_TRUE(cmds[1].background);
  EXPECT_EQ(cmds[1].script_word, -1);
}

// A compose `command: ["sh", "-c", "..."]`, a manifest's command/args or a
// container's Cmd is a list: `sh -c SCRIPT` gives the script's commands, seen
// as the same script written in a RUN.
TEST(Command, ListsAndShellScriptsGiveTheSameCommands) {
  std::string script = "stdbuf -oL nginx -g 'daemon off;' && env A=1 gunicorn -D app:app";
  auto from_list = exec_commands({"/bin/sh", "-ec", script});
  auto from_shell = shell_commands(script);
  ASSERT_EQ(from_list.size(), 2u);
  ASSERT_EQ(from_shell.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(from_list[i].argv, from_shell[i].argv);
    EXPECT_EQ(from_list[i].prog, from_shell[i].prog);
    EXPECT_EQ(from_list[i].script_word, 2);
  }
  EXPECT_EQ(from_list[0].name(), "nginx");
  EXPECT_EQ(from_list[1].name(), "gunicorn");
  // The knowledge layer judges the command the same way from either.
  EXPECT_TRUE(daemonizing(from_list[1].argv).has_value());
  EXPECT_TRUE(daemonizing(from_shell[1].argv).has_value());
  EXPECT_FALSE(daemonizing(from_list[0].argv).has_value());

  // A manifest's command + args, joined as the kubelet does.
  auto k8s = exec_commands({"gosu", "redis", "redis-server", "--daemonize", "yes"});
  ASSERT_EQ(k8s.size(), 1u);
  EXPECT_EQ(k8s[0].name(), "redis-server");
  EXPECT_TRUE(k8s[0].spans.empty());
  EXPECT_EQ(k8s[0].script_word, -1);
  EXPECT_TRUE(daemonizing(k8s[0].argv).has_value());
}

TEST(Command, OneOptionMatcher) {
  auto c = shell_commands("sudo -u root apt-get -qy --no-install-recommends install curl").front();
  EXPECT_TRUE(has_opt(c, {"-y"}));
  EXPECT_TRUE(has_opt(c, {"-q"}));
  EXPECT_TRUE(has_opt(c, {"--no-install-recommends"}));
  EXPECT_FALSE(has_opt(c, {"-u"}));  // the wrapper's option is not the program's
  EXPECT_FALSE(has_opt(c, {"--yes"}));
  // The same words through the list matcher agree.
  std::vector<std::string_view> words(c.argv.begin(), c.argv.end());
  for (std::string_view n : {"-y", "-q", "--no-install-recommends", "--yes", "-x"}) {
    std::string_view names[] = {n};
    EXPECT_EQ(has_option(words, c.prog + 1, names), has_opt(c, {n})) << n;
  }
  EXPECT_TRUE(option_matches("--user=app", "--user"));
  EXPECT_FALSE(option_matches("--username", "--user"));
  EXPECT_TRUE(option_matches("-qO-", "-O"));
  EXPECT_FALSE(option_matches("-", "-y"));

  auto u = shell_commands("useradd -u1000 --shell=/bin/sh -m app").front();
  EXPECT_EQ(opt_value(u, {"-u", "--uid"}), "1000");
  EXPECT_EQ(opt_value(u, {"-s", "--shell"}), "/bin/sh");
  auto i = shell_commands("apt-get -o Dpkg::Options=x install -y curl wget -- -notopt").front();
  EXPECT_EQ(i.arg(subcommand(i, {"-o"})), "install");
  auto ops = sub_operands(i, {"-o"});
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(i.arg(ops[0]), "curl");
  EXPECT_EQ(i.arg(ops[2]), "-notopt");
}

}  // namespace
}  // namespace dd::kb
