// BuildKit's `check` parser directive, the BUILDKIT_DOCKERFILE_CHECK build
// argument and drydock's per-instruction `# check=skip=` comment, as
// docs.docker.com/build/checks/ documents them.
#include <set>
#include <stdexcept>

#include "core/error.h"
#include "dockerfile/parser.h"
#include "dockerfile/pragma.h"
#include "dockerfile/rules/rule_test.h"

namespace dd::test {
namespace {

using dockerfile::BuildArgs;

std::vector<Finding> lint_args(const std::string& text, const BuildArgs& args) {
  return lint::lint_text(text, "Dockerfile", nullptr, {}, args).findings;
}

// The documented example: two violations without the directive.
const std::string kBody = "FROM alpine AS BASE_STAGE\nCMD echo \"Hello, world!\"\n";

bool has_buildkit_alias(const std::string& rule) {
  const RuleInfo* r = Registry::instance().find(rule);
  if (!r) return false;
  for (const auto& a : r->aliases)
    if (dockerfile::buildkit_check(a)) return true;
  return false;
}

TEST(BuildkitCheckDirective, WithoutDirectiveBothChecksReport) {
  auto all = lint(kBody);
  EXPECT_EQ(count(all, "DD1008"), 1);  // JSONArgsRecommended
  EXPECT_EQ(count(all, "DD1002"), 1);  // StageNameCasing
}

TEST(BuildkitCheckDirective, SkipListSkipsTheNamedChecks) {
  auto all = lint("# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended,StageNameCasing\n\n" + kBody);
  EXPECT_EQ(count(all, "DD1008"), 0);
  EXPECT_EQ(count(all, "DD1002"), 0);
  // Only the named ones.
  auto one = lint("# check=skip=StageNameCasing\n" + kBody);
  EXPECT_EQ(count(one, "DD1008"), 1);
  EXPECT_EQ(count(one, "DD1002"), 0);
}

TEST(BuildkitCheckDirective, SpacesAndNoSpaceAfterHashAreTheSame) {
  for (const char* d : {"#check=skip=JSONArgsRecommended\n", "# check=skip=JSONArgsRecommended\n",
                        "#\tcheck = skip = JSONArgsRecommended \n", "# CHECK=skip= JSONArgsRecommended\n"}) {
    EXPECT_EQ(count(lint(d + kBody), "DD1008"), 0) << d;
    EXPECT_EQ(count(lint(d + kBody), "DD1002"), 1) << d;
  }
}

TEST(BuildkitCheckDirective, CheckNamesAreCaseSensitive) {
  // BuildKit's documented pitfall: the value is case-sensitive.
  EXPECT_EQ(count(lint("#check=skip=jsonargsrecommended\n" + kBody), "DD1008"), 1);
}

TEST(BuildkitCheckDirective, SkipAllLeavesOnlyDrydockRules) {
  auto before = lint(kBody);
  auto all = lint("# check=skip=all\n" + kBody);
  for (const auto& f : all) EXPECT_FALSE(has_buildkit_alias(f.rule)) << f.rule << " " << f.message;
  // drydock's own rules (no BuildKit name) still run: skip= is BuildKit's.
  size_t own = std::count_if(before.begin(), before.end(), [](const Finding& f) { return !has_buildkit_alias(f.rule); });
  ASSERT_GT(own, 0u);
  EXPECT_EQ(all.size(), own);
}

TEST(BuildkitCheckDirective, OnlyInTheParserDirectivePosition) {
  // After a comment, a blank line or an instruction BuildKit reads no more
  // directives: the line is a comment, and the file is checked in full.
  for (const std::string& text : std::vector<std::string>{"# About my dockerfile\n# check=skip=all\n\n" + kBody, "\n# check=skip=all\n\n" + kBody,
                                 std::string("FROM alpine AS BASE_STAGE\n# check=skip=all\nCMD echo \"Hello, world!\"\n")}) {
    auto all = lint(text);
    EXPECT_EQ(count(all, "DD1002"), 1) << text;
  }
  // Parsed as a directive, it is not a comment.
  auto df = dockerfile::parse("# check=skip=all\n" + kBody);
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].name, "check");
  EXPECT_EQ(df.directives[0].value, "skip=all");
  EXPECT_TRUE(df.comments.empty());
}

TEST(BuildkitCheckDirective, ErrorTrueMakesBuildkitFindingsErrors) {
  auto plain = only(lint(kBody), "DD1008");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].severity, Severity::warning);
  auto all = lint("# syntax=docker/dockerfile:1\n# check=error=true\n\n" + kBody);
  for (const auto& f : all) {
    if (has_buildkit_alias(f.rule)) {
      EXPECT_EQ(f.severity, Severity::error) << f.rule;
    }
  }
  EXPECT_EQ(count(all, "DD1008"), 1);
  // error=false and Go's other spellings of a bool.
  EXPECT_EQ(only(lint("# check=error=false\n" + kBody), "DD1008").at(0).severity, Severity::warning);
  EXPECT_EQ(only(lint("# check=error=TRUE\n" + kBody), "DD1008").at(0).severity, Severity::error);
  EXPECT_EQ(only(lint("# check=error=1\n" + kBody), "DD1008").at(0).severity, Severity::error);
}

TEST(BuildkitCheckDirective, SkipAndErrorCombineWithASemicolon) {
  auto all = lint("# check=skip=JSONArgsRecommended;error=true\n" + kBody);
  EXPECT_EQ(count(all, "DD1008"), 0);
  auto casing = only(all, "DD1002");
  ASSERT_EQ(casing.size(), 1u);
  EXPECT_EQ(casing[0].severity, Severity::error);
  // Blanks around the parts.
  EXPECT_EQ(count(lint("# check= skip = JSONArgsRecommended ; error = true\n" + kBody), "DD1008"), 0);
}

TEST(BuildkitCheckDirective, AnInvalidDirectiveIsAParseErrorOnItsLine) {
  for (const char* d : {"# check=skip=all;foo=bar\n", "# check=error=maybe\n", "# check=skip\n"}) {
    auto errs = only(lint(d + kBody), "DD0001");
    ASSERT_EQ(errs.size(), 1u) << d;
    EXPECT_EQ(errs[0].location.line, 1);
    EXPECT_NE(errs[0].message.find("check"), std::string::npos) << errs[0].message;
  }
}

TEST(BuildkitCheckDirective, ExperimentalChecksAreOffUnlessEnabled) {
  const std::string text = "# a non-descriptive comment\nFROM scratch AS base\n";
  EXPECT_EQ(count(lint(text), "DD1017"), 0);
  EXPECT_EQ(count(lint("# check=experimental=InvalidDefinitionDescription\n\n" + text), "DD1017"), 1);
  EXPECT_EQ(count(lint("# check=experimental=all\n\n" + text), "DD1017"), 1);
  EXPECT_EQ(count(lint("# check=experimental=CopyIgnoredFile\n\n" + text), "DD1017"), 0);
  // skip= applies to stable checks; an experimental check is enabled by name.
  EXPECT_EQ(count(lint("# check=skip=all;experimental=all\n\n" + text), "DD1017"), 1);
}

TEST(BuildkitCheckDirective, BuildArgReplacesTheDirective) {
  // The build argument wins over the file, and replaces it whole: the
  // directive's error=true no longer applies.
  const std::string text = "# check=error=true\n" + kBody;
  auto all = lint_args(text, {{"BUILDKIT_DOCKERFILE_CHECK", "skip=JSONArgsRecommended"}});
  EXPECT_EQ(count(all, "DD1008"), 0);
  ASSERT_EQ(count(all, "DD1002"), 1);
  EXPECT_EQ(only(all, "DD1002")[0].severity, Severity::warning);
  auto errs = lint_args(kBody, {{"BUILDKIT_DOCKERFILE_CHECK", "error=true"}});
  EXPECT_EQ(only(errs, "DD1008").at(0).severity, Severity::error);
  // Other build arguments leave the directive alone.
  EXPECT_EQ(count(lint_args("# check=skip=JSONArgsRecommended\n" + kBody, {{"TAG", "1"}}), "DD1008"), 0);
}

TEST(BuildkitCheckDirective, AnInvalidBuildArgIsBadInput) {
  try {
    lint_args(kBody, {{"BUILDKIT_DOCKERFILE_CHECK", "skip=all;bogus=1"}});
    FAIL() << "no error";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("Dockerfile"), std::string::npos) << m;
    EXPECT_NE(m.find("BUILDKIT_DOCKERFILE_CHECK"), std::string::npos) << m;
    EXPECT_NE(m.find("bogus"), std::string::npos) << m;
  }
}

TEST(BuildkitCheckDirective, PerInstructionSkipCommentIsDrydocksOwn) {
  // BuildKit has no per-instruction form (moby/buildkit#6167); drydock reads
  // `# check=skip=X` in the block above an instruction as its ignore pragma.
  const std::string text =
      "FROM alpine\n"
      "# the start script traps the signals itself\n"
      "# check=skip=JSONArgsRecommended\n"
      "CMD ./start.sh\n"
      "ENTRYPOINT ./run.sh\n";
  auto f = only(lint(text), "DD1008");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 5);
  // Case-sensitive like the directive; all names every BuildKit check.
  EXPECT_EQ(count(lint("FROM alpine\n# check=skip=jsonargsrecommended\nCMD ./start.sh\n"), "DD1008"), 1);
  auto all = lint("FROM alpine AS Base\n#check=skip=all\nCMD ./start.sh\n");
  EXPECT_EQ(count(all, "DD1008"), 0);
  EXPECT_EQ(count(all, "DD1002"), 1);  // on the FROM, which the comment is not above
  // --disable-ignore-pragma turns it off like the other pragmas.
  Config c;
  c.disable_ignore_pragma = true;
  EXPECT_EQ(count(lint(text, c), "DD1008"), 2);
}

TEST(BuildkitCheckDirective, OptionsParse) {
  auto o = dockerfile::parse_check_options("skip=A, B;error=true;experimental=all");
  EXPECT_EQ(o.skip, (std::vector<std::string>{"A", "B"}));
  EXPECT_TRUE(o.error);
  EXPECT_TRUE(o.experimental_all);
  EXPECT_FALSE(o.skip_all);
  EXPECT_TRUE(dockerfile::parse_check_options("").skip.empty());
  EXPECT_THROW(dockerfile::parse_check_options("skip"), std::invalid_argument);
  EXPECT_THROW(dockerfile::parse_check_options("warn=true"), std::invalid_argument);
  EXPECT_THROW(dockerfile::parse_check_options("error=yes"), std::invalid_argument);
}

TEST(BuildkitCheckDirective, EveryTableRowIsARuleAlias) {
  // Each BuildKit check drydock knows is carried by exactly one rule, and
  // every BuildKit-looking alias is in the table.
  std::map<std::string, int> carried;
  for (const RuleInfo* r : Registry::instance().all())
    for (const auto& a : r->aliases)
      if (dockerfile::buildkit_check(a)) ++carried[a];
  for (const auto& c : dockerfile::buildkit_checks()) EXPECT_EQ(carried[std::string(c.name)], 1) << c.name;
}

}  // namespace
}  // namespace dd::test
