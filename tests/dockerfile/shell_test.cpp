#include "dockerfile/shell.h"

#include <gtest/gtest.h>

#include <string>

namespace dd::shell {
namespace {

std::vector<std::string> argv_of(const Command& c) {
  std::vector<std::string> v;
  for (const auto& w : c.argv) v.push_back(w.value);
  return v;
}

using V = std::vector<std::string>;

TEST(Shell, DuplicatesFd) {
  auto sc = parse("a 2>&1 >&2 1>&2 &>/dev/null >out 2>&- >&file");
  ASSERT_EQ(sc.commands.size(), 1u);
  std::vector<bool> got;
  for (const auto& r : sc.commands[0].redirects) got.push_back(duplicates_fd(r.op, r.target.value));
  EXPECT_EQ(got, (std::vector<bool>{true, true, true, false, false, true, false}));
}

TEST(Shell, AptGetChain) {
  std::string s = "apt-get update && apt-get install -qy --no-install-recommends curl ca-certificates";
  auto sc = parse(s);
  ASSERT_TRUE(sc.errors.empty());
  ASSERT_EQ(sc.commands.size(), 2u);
  const auto& a = sc.commands[0];
  EXPECT_EQ(argv_of(a), (V{"apt-get", "update"}));
  EXPECT_EQ(a.next, Connector::and_);
  EXPECT_EQ(a.begin, 0u);
  EXPECT_EQ(a.end, 14u);
  const auto& b = sc.commands[1];
  EXPECT_EQ(b.program(), "apt-get");
  EXPECT_EQ(b.subcommand(), "install");
  EXPECT_TRUE(b.has_flag("-y"));
  EXPECT_TRUE(b.has_flag("-q"));
  EXPECT_TRUE(b.has_flag("--no-install-recommends"));
  EXPECT_FALSE(b.has_flag("--yes"));
  EXPECT_FALSE(b.has_flag("-x"));
  EXPECT_EQ(b.next, Connector::none);
  EXPECT_EQ(b.depth, 0);
  EXPECT_EQ(b.begin, s.find("apt-get install"));
  EXPECT_EQ(b.end, s.size());
  EXPECT_EQ(b.argv[4].begin, s.find("curl"));
  EXPECT_EQ(b.argv[4].end, s.find("curl") + 4);
}

TEST(Shell, BackgroundCommand) {
  auto sc = parse("service nginx start &");
  ASSERT_EQ(sc.commands.size(), 1u);
  EXPECT_TRUE(sc.commands[0].background);
  EXPECT_EQ(sc.commands[0].next, Connector::background);
  EXPECT_EQ(sc.commands[0].subcommand(), "nginx");
  auto sc2 = parse("nginx & sleep 1; (a; b) & c");
  ASSERT_EQ(sc2.commands.size(), 5u);
  EXPECT_TRUE(sc2.commands[0].background);
  EXPECT_FALSE(sc2.commands[1].background);
  EXPECT_EQ(sc2.commands[1].next, Connector::seq);
  EXPECT_TRUE(sc2.commands[2].background);
  EXPECT_TRUE(sc2.commands[3].background);
  EXPECT_FALSE(sc2.commands[4].background);
}

TEST(Shell, SubshellPipeAndRedirects) {
  std::string s = "cd /app && (make; make install) | tee log > /dev/null 2>&1";
  auto sc = parse(s);
  ASSERT_TRUE(sc.errors.empty());
  ASSERT_EQ(sc.commands.size(), 4u);
  EXPECT_EQ(argv_of(sc.commands[0]), (V{"cd", "/app"}));
  EXPECT_EQ(sc.commands[0].next, Connector::and_);
  EXPECT_EQ(argv_of(sc.commands[1]), (V{"make"}));
  EXPECT_EQ(sc.commands[1].depth, 1);
  EXPECT_EQ(sc.commands[1].next, Connector::seq);
  EXPECT_EQ(argv_of(sc.commands[2]), (V{"make", "install"}));
  EXPECT_EQ(sc.commands[2].depth, 1);
  EXPECT_EQ(sc.commands[2].next, Connector::pipe);
  const auto& tee = sc.commands[3];
  EXPECT_EQ(argv_of(tee), (V{"tee", "log"}));
  EXPECT_EQ(tee.depth, 0);
  ASSERT_EQ(tee.redirects.size(), 2u);
  EXPECT_EQ(tee.redirects[0].op, ">");
  EXPECT_EQ(tee.redirects[0].target.value, "/dev/null");
  EXPECT_EQ(tee.redirects[1].op, "2>&1");
  EXPECT_EQ(tee.end, s.size());
}

TEST(Shell, Quoting) {
  std::string s = "echo \"a b\" 'c $d' e\\ f \"$HOME/x\" $'tab\\there' g\"h\"i";
  auto sc = parse(s);
  ASSERT_TRUE(sc.errors.empty());
  ASSERT_EQ(sc.commands.size(), 1u);
  const auto& c = sc.commands[0];
  EXPECT_EQ(argv_of(c), (V{"echo", "a b", "c $d", "e f", "$HOME/x", "tab\there", "ghi"}));
  EXPECT_TRUE(c.argv[1].quoted);
  EXPECT_FALSE(c.argv[0].quoted);
  EXPECT_FALSE(c.argv[2].has_expansion);
  EXPECT_TRUE(c.argv[4].has_expansion);
  EXPECT_EQ(sc.raw(c.argv[1]), "\"a b\"");
  EXPECT_EQ(c.argv[1].begin, 5u);
  EXPECT_EQ(c.argv[1].end, 10u);
}

TEST(Shell, UnterminatedQuoteCompletes) {
  auto sc = parse("echo \"abc && rm -rf /");
  EXPECT_FALSE(sc.errors.empty());
  ASSERT_EQ(sc.commands.size(), 1u);
  EXPECT_EQ(sc.commands[0].argv.size(), 2u);
  auto sc2 = parse("echo 'x");
  EXPECT_FALSE(sc2.errors.empty());
}

TEST(Shell, CommandSubstitutionNested) {
  std::string s = "VER=$(curl -s https://x/latest | jq -r .v) && echo `date +%s`";
  auto sc = parse(s);
  ASSERT_TRUE(sc.errors.empty());
  ASSERT_EQ(sc.commands.size(), 5u);
  const auto& a = sc.commands[0];
  EXPECT_TRUE(a.argv.empty());
  ASSERT_EQ(a.assignments.size(), 1u);
  EXPECT_EQ(a.assignments[0].first, "VER");
  EXPECT_EQ(a.assignments[0].second, "$(curl -s https://x/latest | jq -r .v)");
  EXPECT_EQ(a.next, Connector::and_);
  const auto& curl = sc.commands[1];
  EXPECT_EQ(curl.program(), "curl");
  EXPECT_EQ(curl.depth, 1);
  EXPECT_EQ(curl.begin, s.find("curl"));
  EXPECT_EQ(curl.next, Connector::pipe);
  EXPECT_EQ(sc.commands[2].program(), "jq");
  EXPECT_EQ(sc.commands[3].program(), "echo");
  EXPECT_TRUE(sc.commands[3].argv[1].has_expansion);
  EXPECT_EQ(sc.commands[4].program(), "date");
  auto nested = parse("(cd x && echo $(date))");
  ASSERT_EQ(nested.commands.size(), 3u);
  EXPECT_EQ(nested.commands[2].program(), "date");
  EXPECT_EQ(nested.commands[2].depth, 2);
  auto sc2 = parse("echo `date +%s`");
  ASSERT_EQ(sc2.commands.size(), 2u);
  EXPECT_EQ(sc2.commands[1].program(), "date");
  EXPECT_EQ(sc2.commands[1].depth, 1);
}

TEST(Shell, AssignmentsBeforeCommand) {
  auto sc = parse("DEBIAN_FRONTEND=noninteractive A='x y' apt-get install -y tzdata");
  ASSERT_EQ(sc.commands.size(), 1u);
  const auto& c = sc.commands[0];
  ASSERT_EQ(c.assignments.size(), 2u);
  EXPECT_EQ(c.assignments[1].second, "x y");
  EXPECT_EQ(c.program(), "apt-get");
  EXPECT_EQ(c.argv.size(), 4u);
}

TEST(Shell, ControlStructures) {
  std::string s =
      "if [ -f /x ]; then\n  rm /x\nelse\n  touch /y\nfi\n"
      "for f in a b c; do echo $f; done\n"
      "while true; do sleep 1; done &\n"
      "case \"$ARCH\" in\n  amd64) A=x86_64 ;;\n  arm64|aarch64) curl -o a b ;;\n  *) exit 1 ;;\nesac\n"
      "{ echo a; echo b; } > out";
  auto sc = parse(s);
  ASSERT_TRUE(sc.errors.empty());
  std::vector<std::string> progs;
  for (const auto& c : sc.commands) progs.push_back(c.argv.empty() ? "=" : std::string(c.program()));
  EXPECT_EQ(progs, (V{"[", "rm", "touch", "echo", "true", "sleep", "=", "curl", "exit", "echo", "echo"}));
  EXPECT_EQ(sc.commands[1].depth, 1);
  EXPECT_EQ(sc.commands[3].depth, 1);
  EXPECT_TRUE(sc.commands[4].background);
  EXPECT_TRUE(sc.commands[5].background);
  EXPECT_EQ(sc.commands[7].depth, 1);
  EXPECT_EQ(sc.commands[9].depth, 1);
  // The group's redirection applies to its commands.
  ASSERT_EQ(sc.commands[10].redirects.size(), 1u);
  EXPECT_EQ(sc.commands[10].redirects[0].target.value, "out");
  EXPECT_EQ(sc.commands[9].redirects.size(), 1u);
}

TEST(Shell, Comments) {
  auto sc = parse("echo a # not && an argument\necho b#c");
  ASSERT_EQ(sc.commands.size(), 2u);
  EXPECT_EQ(argv_of(sc.commands[0]), (V{"echo", "a"}));
  EXPECT_EQ(argv_of(sc.commands[1]), (V{"echo", "b#c"}));
}

TEST(Shell, RedirectForms) {
  auto sc = parse("cmd >>log 2>err <in &>all >|f 3<>rw cat <<<\"str\" >&2");
  ASSERT_EQ(sc.commands.size(), 1u);
  const auto& r = sc.commands[0].redirects;
  ASSERT_EQ(r.size(), 8u);
  EXPECT_EQ(r[7].op, ">&2");
  EXPECT_EQ(r[0].op, ">>");
  EXPECT_EQ(r[0].target.value, "log");
  EXPECT_EQ(r[1].op, "2>");
  EXPECT_EQ(r[2].op, "<");
  EXPECT_EQ(r[3].op, "&>");
  EXPECT_EQ(r[4].op, ">|");
  EXPECT_EQ(r[5].op, "3<>");
  EXPECT_EQ(r[6].op, "<<<");
  EXPECT_EQ(r[6].target.value, "str");
  EXPECT_EQ(argv_of(sc.commands[0]), (V{"cmd", "cat"}));
}

TEST(Shell, HeredocInsideScriptIsSkipped) {
  std::string s = "cat <<EOF > /etc/conf\nrm -rf /\nEOF\necho done";
  auto sc = parse(s);
  ASSERT_EQ(sc.commands.size(), 2u);
  EXPECT_EQ(sc.commands[0].program(), "cat");
  ASSERT_EQ(sc.commands[0].redirects.size(), 2u);
  EXPECT_EQ(sc.commands[0].redirects[0].op, "<<");
  EXPECT_EQ(sc.commands[0].redirects[0].target.value, "EOF");
  EXPECT_EQ(sc.commands[1].program(), "echo");
}

TEST(Shell, HeredocFedToShellIsParsed) {
  // What LintInput::script builds for "RUN <<EOF": the marker, then the body.
  auto sc = parse("<<EOF\napt-get update\napt-get install -y x\n");
  ASSERT_EQ(sc.commands.size(), 3u);
  EXPECT_EQ(sc.commands[1].program(), "apt-get");
  EXPECT_EQ(sc.commands[2].subcommand(), "install");
  auto sc2 = parse("bash <<-'X'\n\tset -e\n\tmake\n\tX\n");
  ASSERT_EQ(sc2.commands.size(), 3u);
  EXPECT_EQ(sc2.commands[2].program(), "make");
  auto sc3 = parse("python3 <<EOF\nimport os\nEOF\n");
  EXPECT_EQ(sc3.commands.size(), 1u);
}

TEST(Shell, LineContinuationsAndNewlines) {
  auto sc = parse("apt-get install \\\n  -y curl\nrm -rf /var/lib/apt/lists/*");
  ASSERT_EQ(sc.commands.size(), 2u);
  EXPECT_TRUE(sc.commands[0].has_flag("-y"));
  EXPECT_EQ(sc.commands[0].next, Connector::seq);
  EXPECT_EQ(sc.commands[1].argv[2].value, "/var/lib/apt/lists/*");
}

TEST(Shell, HasFlagForms) {
  auto c = parse("pip install --no-cache-dir --index-url=https://x -r req.txt -- -y").commands.at(0);
  EXPECT_TRUE(c.has_flag("--no-cache-dir"));
  EXPECT_TRUE(c.has_flag("--index-url"));
  EXPECT_TRUE(c.has_flag("-r"));
  EXPECT_FALSE(c.has_flag("-y"));  // after --
  EXPECT_FALSE(c.has_flag("--index"));
  EXPECT_EQ(c.subcommand(), "install");
}

TEST(Shell, ProgramBasename) {
  auto c = parse("/usr/bin/apt-get -y install x").commands.at(0);
  EXPECT_EQ(c.program(), "apt-get");
  EXPECT_EQ(c.subcommand(), "install");
}

TEST(Shell, RealProgramIndex) {
  auto idx = [](const std::string& s) {
    auto sc = parse(s);
    const auto& c = sc.commands.at(0);
    size_t i = real_program_index(c);
    return i < c.argv.size() ? c.argv[i].value : std::string("?");
  };
  EXPECT_EQ(idx("sudo -u app -E apt-get install x"), "apt-get");
  EXPECT_EQ(idx("env -i A=1 B=2 node app.js"), "node");
  EXPECT_EQ(idx("exec gosu app:app nginx -g daemon"), "nginx");
  EXPECT_EQ(idx("nohup nice -n 10 time -p make"), "make");
  EXPECT_EQ(idx("su-exec 1000 /usr/bin/redis-server"), "/usr/bin/redis-server");
  EXPECT_EQ(idx("tini -- node server.js"), "node");
  EXPECT_EQ(idx("dumb-init -- sh -c x"), "sh");
  EXPECT_EQ(idx("chroot /x ls"), "ls");  // chroot runs its operand (knowledge/programs wrappers)
  EXPECT_EQ(idx("sudo"), "sudo");
}

TEST(Shell, ShellDashCScriptIsParsed) {
  std::string s = "sh -c 'apt-get update && apt-get install -y x' && bash -euxc \"make all\"";
  auto sc = parse(s);
  ASSERT_EQ(sc.commands.size(), 5u);
  EXPECT_EQ(sc.commands[0].program(), "sh");
  EXPECT_EQ(sc.commands[1].program(), "apt-get");
  EXPECT_EQ(sc.commands[1].depth, 1);
  EXPECT_EQ(sc.commands[1].begin, s.find("apt-get update"));
  EXPECT_EQ(sc.commands[2].subcommand(), "install");
  EXPECT_EQ(sc.commands[2].end, s.find("x'") + 1);
  EXPECT_EQ(sc.commands[3].program(), "bash");
  EXPECT_EQ(sc.commands[4].program(), "make");
  EXPECT_EQ(parse("sh -e script.sh").commands.size(), 1u);
  EXPECT_EQ(parse("/bin/bash -o pipefail -c 'curl x | tar x'").commands.size(), 3u);
}

TEST(Shell, EmptyAndOperatorsOnly) {
  EXPECT_TRUE(parse("").commands.empty());
  EXPECT_TRUE(parse(" ;; && || | & ( ) \n").commands.empty());
  auto sc = parse(">/dev/null");
  ASSERT_EQ(sc.commands.size(), 1u);
  EXPECT_TRUE(sc.commands[0].argv.empty());
}

TEST(Shell, DeepNestingIsBounded) {
  std::string s;
  for (int i = 0; i < 5000; ++i) s += "$(";
  auto sc = parse(s);
  EXPECT_FALSE(sc.errors.empty());
  std::string t;
  for (int i = 0; i < 5000; ++i) t += "(";
  parse(t);
  // Heredoc bodies fed to shells, each holding the next: parsing stays bounded.
  std::string chain;
  for (int i = 0; i < 3000; ++i) chain += "sh <<X" + std::to_string(i) + "\n";
  auto c = parse(chain);
  EXPECT_LE(c.commands.size(), 40u);
  EXPECT_GE(c.commands.size(), 30u);
}

}  // namespace
}  // namespace dd::shell
