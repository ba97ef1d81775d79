#include "dockerfile/expand.h"

#include <gtest/gtest.h>

#include "dockerfile/ast.h"
#include "dockerfile/parser.h"
#include "helpers/helpers.h"

#include <filesystem>

namespace dd::dockerfile {
namespace {

const Vars kVars = {{"NAME", "world"}, {"EMPTY", ""}, {"PATHV", "/usr/local/bin/node"},
                    {"FILE", "archive.tar.gz"}, {"V", "a-b-a-b"}};

std::string ex(std::string_view w) { return expand(w, kVars).value; }

TEST(Expand, PlainVariables) {
  EXPECT_EQ(ex("hello $NAME"), "hello world");
  EXPECT_EQ(ex("hello ${NAME}!"), "hello world!");
  EXPECT_EQ(ex("$NAME$NAME"), "worldworld");
  EXPECT_EQ(ex("${NAME}_x $NAME_x"), "world_x ");
  EXPECT_EQ(ex("cost $5 and $"), "cost  and $");
  EXPECT_EQ(ex("a$-b"), "ab");
}

TEST(Expand, UnresolvedAreReported) {
  auto e = expand("${A}/$B/${NAME}/$A", kVars);
  EXPECT_EQ(e.value, "//world/");
  EXPECT_EQ(e.unresolved, (std::vector<std::string>{"A", "B"}));
  EXPECT_TRUE(expand("${A:-x}", kVars).unresolved.empty());
}

TEST(Expand, DefaultModifiers) {
  EXPECT_EQ(ex("${UNSET:-def}"), "def");
  EXPECT_EQ(ex("${EMPTY:-def}"), "def");
  EXPECT_EQ(ex("${EMPTY-def}"), "");
  EXPECT_EQ(ex("${UNSET-def}"), "def");
  EXPECT_EQ(ex("${NAME:-def}"), "world");
  EXPECT_EQ(ex("${UNSET:-${NAME}-x}"), "world-x");
  EXPECT_EQ(ex("${UNSET:-\"a b\"}"), "a b");
}

TEST(Expand, AlternativeModifiers) {
  EXPECT_EQ(ex("${NAME:+alt}"), "alt");
  EXPECT_EQ(ex("${EMPTY:+alt}"), "");
  EXPECT_EQ(ex("${EMPTY+alt}"), "alt");
  EXPECT_EQ(ex("${UNSET+alt}"), "");
}

TEST(Expand, ErrorModifiers) {
  auto e = expand("${UNSET:?must be set}", kVars);
  EXPECT_EQ(e.value, "");
  EXPECT_NE(e.error.find("must be set"), std::string::npos);
  EXPECT_FALSE(expand("${EMPTY:?x}", kVars).error.empty());
  EXPECT_TRUE(expand("${EMPTY?x}", kVars).error.empty());
  EXPECT_FALSE(expand("${UNSET?x}", kVars).error.empty());
  EXPECT_EQ(ex("${NAME:?x}"), "world");
}

TEST(Expand, PatternRemoval) {
  EXPECT_EQ(ex("${PATHV#*/}"), "usr/local/bin/node");
  EXPECT_EQ(ex("${PATHV##*/}"), "node");
  EXPECT_EQ(ex("${FILE%.*}"), "archive.tar");
  EXPECT_EQ(ex("${FILE%%.*}"), "archive");
  EXPECT_EQ(ex("${FILE#arch}"), "ive.tar.gz");
  EXPECT_EQ(ex("${FILE%.[gt]z}"), "archive.tar");
  EXPECT_EQ(ex("${FILE%?z}"), "archive.tar.");
  EXPECT_EQ(ex("${FILE#nomatch}"), "archive.tar.gz");
  EXPECT_EQ(ex("${FILE%\"*\"}"), "archive.tar.gz");  // quoted * is literal
}

TEST(Expand, Replacement) {
  EXPECT_EQ(ex("${V/a/X}"), "X-b-a-b");
  EXPECT_EQ(ex("${V//a/X}"), "X-b-X-b");
  EXPECT_EQ(ex("${V//-}"), "abab");
  EXPECT_EQ(ex("${V/b*/Z}"), "a-Z");
  EXPECT_EQ(ex("${V//[ab]/.}"), ".-.-.-.");
}

TEST(Expand, Length) { EXPECT_EQ(ex("${#NAME}"), "5"); }

TEST(Expand, Quotes) {
  EXPECT_EQ(ex("'$NAME'"), "$NAME");
  EXPECT_EQ(ex("\"$NAME\""), "world");
  EXPECT_EQ(ex("\"a\\\"b\""), "a\"b");
  EXPECT_EQ(ex("\"a\\nb\""), "a\\nb");
  EXPECT_EQ(ex("\\$NAME"), "$NAME");
  EXPECT_EQ(ex("a\\ b"), "a b");
}

TEST(Expand, BacktickEscape) {
  EXPECT_EQ(expand("`$NAME and \\path", kVars, '`').value, "$NAME and \\path");
  EXPECT_EQ(expand("c:\\dir\\$NAME", kVars, '`').value, "c:\\dir\\world");
}

TEST(Expand, MalformedNeverThrows) {
  EXPECT_FALSE(expand("${", kVars).error.empty());
  EXPECT_FALSE(expand("${NAME", kVars).error.empty());
  EXPECT_FALSE(expand("${:-x}", kVars).error.empty());
  EXPECT_FALSE(expand("${NAME:x}", kVars).error.empty());
  EXPECT_FALSE(expand("'open", kVars).error.empty());
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "${A:-";
  expand(deep, kVars);
}

TEST(Glob, Match) {
  EXPECT_TRUE(glob_match("*.gz", "a.tar.gz"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("[!x]b", "ab"));
  EXPECT_FALSE(glob_match("[!a]b", "ab"));
  EXPECT_TRUE(glob_match("[a-c]*", "cat"));
  EXPECT_TRUE(glob_match("\\*", "*"));
  EXPECT_FALSE(glob_match("\\*", "a"));
  EXPECT_TRUE(glob_match("[", "["));
  EXPECT_TRUE(glob_match("", ""));
}

TEST(Scope, GlobalArgsOnlyInFromUnlessRedeclared) {
  auto df = parse(
      "ARG VERSION=1.2\n"
      "ARG OTHER=x\n"
      "FROM alpine:$VERSION\n"
      "RUN echo $VERSION\n"
      "ARG VERSION\n"
      "RUN echo $VERSION\n");
  EXPECT_EQ(df.stages[0].base_expanded, "alpine:1.2");
  auto from = scope_at(df, 2);
  EXPECT_EQ(from.at("VERSION"), "1.2");
  EXPECT_EQ(from.at("OTHER"), "x");
  EXPECT_EQ(scope_at(df, 3).count("VERSION"), 0u);
  EXPECT_EQ(scope_at(df, 5).at("VERSION"), "1.2");
  EXPECT_EQ(scope_at(df, 5).count("OTHER"), 0u);
  EXPECT_EQ(scope_at(df, 5, {{"VERSION", "9"}}).at("VERSION"), "9");
  EXPECT_EQ(scope_at(df, 2, {{"VERSION", "9"}}).at("VERSION"), "9");
}

TEST(Scope, StageArgEnvOrderAndOverride) {
  auto df = parse(
      "FROM a\n"
      "RUN x\n"
      "ARG MODE=dev\n"
      "ENV APP=/app HOME_DIR=$APP\n"
      "ENV MODE=prod BIN=${APP}/bin\n"
      "ARG MODE=test\n"
      "RUN y\n");
  EXPECT_TRUE(scope_at(df, 1).empty());
  EXPECT_EQ(scope_at(df, 3).at("MODE"), "dev");
  auto s = scope_at(df, 6);
  EXPECT_EQ(s.at("MODE"), "prod");  // ENV wins over ARG
  EXPECT_EQ(s.at("APP"), "/app");
  EXPECT_EQ(s.at("HOME_DIR"), "");  // same ENV line: $APP was not set yet
  EXPECT_EQ(s.at("BIN"), "/app/bin");
  EXPECT_EQ(scope_at(df, 6, {{"MODE", "ci"}}).at("MODE"), "prod");
  EXPECT_EQ(scope_at(df, 3, {{"MODE", "ci"}}).at("MODE"), "ci");
}

TEST(Scope, InheritsEnvFromBaseStageNotArgs) {
  auto df = parse(
      "FROM a AS base\n"
      "ARG SECRET_ARG=1\n"
      "ENV NODE_ENV=production\n"
      "FROM base AS app\n"
      "RUN x\n"
      "FROM 1\n"
      "RUN y\n"
      "FROM other\n"
      "RUN z\n");
  auto s = scope_at(df, 4);
  EXPECT_EQ(s.at("NODE_ENV"), "production");
  EXPECT_EQ(s.count("SECRET_ARG"), 0u);
  EXPECT_EQ(scope_at(df, 6).at("NODE_ENV"), "production");
  EXPECT_TRUE(scope_at(df, 8).empty());
}

TEST(Scope, BuiltinArgs) {
  EXPECT_TRUE(is_builtin_arg("TARGETARCH"));
  EXPECT_TRUE(is_builtin_arg("BUILDPLATFORM"));
  EXPECT_FALSE(is_builtin_arg("VERSION"));
}

}  // namespace
}  // namespace dd::dockerfile

namespace dd::dockerfile {
namespace {

// Found by fuzz_shell: nested pattern replacement grew without bound.
TEST(Expand, NestedReplacementStaysBounded) {
  Vars v{{"A", std::string(64, 'a')}};
  std::string word = "x";
  for (int i = 0; i < 40; ++i) word = "${A//a/" + word + "}";
  auto e = expand(word, v);
  EXPECT_LE(e.value.size(), 4u << 20);
  EXPECT_FALSE(e.value.empty());
}

// Found by fuzz_parser: ${V/p/r} tries every substring, each with a glob
// match, so a long value with a star pattern was cubic. Past a step budget
// the operation leaves the value as it is; ordinary ones still work.
TEST(Expand, HostilePatternOperationsGiveUp) {
  std::string big(8000, 'a');
  Vars v{{"V", big}, {"S", "a-b-c"}};
  EXPECT_EQ(expand("${V//*a*a*a*b/x}", v).value, big);
  EXPECT_EQ(expand("${V/*a*a*b/x}", v).value, big);
  EXPECT_EQ(expand("${V%%*a*a*b}", v).value, big);
  EXPECT_EQ(expand("${V##*a*a*b}", v).value, big);
  // The budget is per expansion: small operations after a hostile one work.
  EXPECT_EQ(expand("${S//-/_}", v).value, "a_b_c");
  EXPECT_EQ(expand("${S%%-*}${S#*-}", v).value, "ab-c");
  // Patterns without '*' match one length: ?, brackets and escapes count one each.
  Vars w{{"T", "cab*ab"}};
  EXPECT_EQ(expand("${T/[ab]/X}", w).value, "cXb*ab");
  EXPECT_EQ(expand("${T//[!a]/_}", w).value, "_a__a_");
  EXPECT_EQ(expand("${T//?" "?/.}", w).value, "...");
  EXPECT_EQ(expand("${T/\\*/+}", w).value, "cab+ab");
  EXPECT_EQ(expand("${T//ab/}", w).value, "c*");
  // Unclosed '[' in a long pattern (found by fuzz_shell: each '[' read to the
  // end of the pattern, quadratic), and a pattern grown by nested expansion.
  Vars u{{"U", std::string(4000, 'a')}, {"B", std::string(8000, '[')}};
  EXPECT_EQ(expand("${U/${B}/x}", u).value, u["U"]);
  EXPECT_EQ(expand("${U//" + std::string(6000, '[') + "/x}", u).value, u["U"]);
  EXPECT_EQ(expand("${U%" + std::string(6000, '[') + "}", u).value, u["U"]);
  // Patterns longer than 8 KiB are not tried at all, even ones that would match.
  EXPECT_EQ(expand("${S/a" + std::string(9000, '*') + "/x}", v).value, "a-b-c");
  EXPECT_EQ(expand("${S/a" + std::string(100, '*') + "/x}", v).value, "x");
  // A long but real value still expands: 500 bytes with a leading-* pattern.
  std::string path;
  for (int i = 0; i < 50; ++i) path += "/usr/lib" + std::to_string(i % 10);
  Vars p{{"P", path}};
  EXPECT_EQ(expand("${P##*/}", p).value, "lib9");
  EXPECT_EQ(expand("${P%/*}", p).value, path.substr(0, path.size() - 5));
}

}  // namespace
}  // namespace dd::dockerfile

// all_scopes is the one-pass form of scope_at: the two must agree on every
// instruction of every corpus file, and on a file with stage inheritance.
TEST(Scope, AllScopesMatchesScopeAtEverywhere) {
  namespace fs = std::filesystem;
  std::vector<std::string> texts = {
      "ARG V=1\nFROM a AS base\nARG V\nENV X=$V Y=${X}y\nFROM base\nARG W=$X\nENV Z=$W\nRUN echo $Z\nONBUILD RUN x\n"};
  for (const auto& e : fs::recursive_directory_iterator(dd::test::shared_dir() / "corpus/dockerfiles"))
    if (e.is_regular_file()) texts.push_back(dd::test::read_text(e.path()));
  ASSERT_GT(texts.size(), 50u);
  size_t checked = 0;
  for (const auto& t : texts) {
    auto df = dd::dockerfile::parse(t);
    auto all = dd::dockerfile::all_scopes(df, {{"V", "9"}});
    ASSERT_EQ(all.size(), df.instructions.size());
    for (size_t i = 0; i < df.instructions.size(); ++i, ++checked)
      EXPECT_EQ(all[i], dd::dockerfile::scope_at(df, i, {{"V", "9"}})) << "instruction " << i << " of\n" << t;
  }
  EXPECT_GT(checked, 1000u);
}
