// Table-driven tests of the .dockerignore matcher against the behaviour of
// moby/patternmatcher (MatchesOrParentMatches) and ignorefile.ReadAll.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "context/dockerignore.h"
#include "core/glob.h"

namespace dd::context {
namespace {

std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

struct Case {
  std::vector<std::string> lines;  // .dockerignore lines
  std::string path;
  bool excluded;
};

// Each row: the ignore file, a path, and whether the engine leaves it out.
const std::vector<Case> kCases = {
    // `*` stays inside one path element; a matching parent excludes children.
    {{"*"}, "file", true},
    {{"*"}, "dir/file", true},  // "dir" matches, so everything below it goes
    {{"*.go"}, "main.go", true},
    {{"*.go"}, "cmd/main.go", false},
    {{"*.md"}, "docs/README.md", false},
    {{"a*"}, "ab/c", true},
    {{"a*/b"}, "abc/b", true},
    {{"a*/b"}, "a/c/b", false},
    {{"a*b*c*d*e*/f"}, "axbxcxdxexxx/f", true},
    {{"a*b*c*d*e*/f"}, "axbxcxdxe/xxx/f", false},
    {{"a*b?c*x"}, "abxbbxdbxebxczzx", true},
    {{"a*b?c*x"}, "abxbbxdbxebxczzy", false},
    // Documented examples.
    {{"*/temp*"}, "somedir/temporary.txt", true},
    {{"*/temp*"}, "somedir/temp", true},
    {{"*/temp*"}, "temp", false},
    {{"*/temp*"}, "a/b/temp", false},
    {{"*/*/temp*"}, "somedir/subdir/temporary.txt", true},
    {{"*/*/temp*"}, "somedir/temporary.txt", false},
    {{"temp?"}, "tempa", true},
    {{"temp?"}, "tempb/inner.txt", true},
    {{"temp?"}, "temp", false},
    {{"temp?"}, "tempab", false},
    {{"temp?"}, "dir/tempa", false},
    {{"**/*.go"}, "main.go", true},
    {{"**/*.go"}, "a/b/c/main.go", true},
    {{"**/*.go"}, "a/b/main.gox", false},
    {{"*.md", "!README.md"}, "README.md", false},
    {{"*.md", "!README.md"}, "CHANGES.md", true},
    {{"*.md", "!README*.md", "README-secret.md"}, "README-secret.md", true},
    {{"*.md", "!README*.md", "README-secret.md"}, "README-public.md", false},
    {{"*.md", "README-secret.md", "!README*.md"}, "README-secret.md", false},
    {{"*.pem"}, "server.pem", true},
    {{"*.pem"}, "certs/server.pem", false},
    {{"**/*.pem"}, "certs/server.pem", true},
    // `**`.
    {{"**"}, "file", true},
    {{"**"}, "dir/file", true},
    {{"**/"}, "file", true},
    {{"**/**"}, "dir/file", true},
    {{"dir/**"}, "dir/file", true},
    {{"dir/**"}, "dir/dir2/file", true},
    {{"dir/**"}, "dir", false},
    {{"dir/**"}, "dirx/file", false},
    {{"**/dir"}, "dir", true},
    {{"**/dir"}, "dir/file", true},
    {{"**/dir"}, "a/b/dir", true},
    {{"**/dir"}, "a/bdir", false},
    {{"**/dir2/*"}, "dir/dir2/file", true},
    {{"**/dir2/**"}, "dir/dir2/dir3/file", true},
    {{"**file"}, "file", true},
    {{"**file"}, "dir/file", true},
    {{"**file"}, "dir/myfile", true},  // suffix match: no `/` needed before the name
    {{"**/file"}, "dir/myfile", false},
    {{"**/file*"}, "dir/dir/file.txt", true},
    {{"**/file*.txt"}, "dir/dir/file.txt", true},
    {{"**/**/*.txt"}, "file.txt", true},
    {{"**/**/*.txt2"}, "dir/dir/file.txt", false},
    {{"a**/*.txt"}, "a/file.txt", true},
    {{"a**/*.txt"}, "a/dir/dir/file.txt", true},
    {{"a**b"}, "ab", true},
    {{"a**b"}, "ax/b", true},
    {{"a**b"}, "axb", false},  // `**` not followed by `/` still only spans whole directories
    {{"a/*.txt**"}, "a/file.txt", true},
    {{"**/foo/bar"}, "foo/bar", true},
    {{"**/foo/bar"}, "dir/dir2/foo/bar", true},
    {{"**/.foo"}, ".foo", true},
    {{"**/.foo"}, "bar.foo", false},
    {{"node_modules"}, "node_modules/a/b/c.js", true},
    {{"node_modules"}, "web/node_modules/x.js", false},
    {{"**/node_modules"}, "web/node_modules/x.js", true},
    // `?`, classes and escapes.
    {{"abc?def"}, "abcZdef", true},
    {{"abc?def"}, "abcdef", false},
    {{"abc?def"}, "abc/def", false},
    {{"a?b"}, "a\xE2\x98\xBA" "b", true},  // one rune, not one byte
    {{"a???b"}, "a\xE2\x98\xBA" "b", false},
    {{"a[b-d]e"}, "ace", true},
    {{"a[b-d]e"}, "aae", false},
    {{"a[b-d]e"}, "ae", false},
    {{"a[^b-d]e"}, "aze", true},
    {{"a[^b-d]e"}, "ace", false},
    {{"ab[c]"}, "abc", true},
    {{"[a-\xCE\xB6]*"}, "\xCE\xB1", true},
    {{"*[a-\xCE\xB6]"}, "A", false},
    {{"[\\]a]"}, "]", true},
    {{"[\\-x]"}, "-", true},
    {{"[x\\-]"}, "z", false},
    {{"a\\*b"}, "a*b", true},
    {{"a\\*b"}, "ab", false},
    {{"a\\*b"}, "axb", false},
    {{"a\\\\"}, "a\\", true},
    {{"\\#notcomment"}, "#notcomment", true},
    // Regex-special characters are literal.
    {{".*"}, ".foo", true},
    {{".*"}, "foo", false},
    {{"abc.def"}, "abcZdef", false},
    {{"abc.def"}, "abc.def", true},
    {{"a(b)c/def"}, "a(b)c/def", true},
    {{"a.|)$(}+{bc"}, "a.|)$(}+{bc", true},
    {{"dist/*.whl"}, "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true},
    // Cleaning of patterns.
    {{"./a"}, "a", true},
    {{"a/"}, "a/x", true},
    {{"/a"}, "a", true},
    {{"/a/b"}, "a/b", true},
    {{"a//b"}, "a/b", true},
    {{"a/./b"}, "a/b", true},
    {{"a/../b"}, "b", true},
    {{"a/../b"}, "a/b", false},
    {{"  spaced  "}, "spaced", true},
    {{"\ttabbed"}, "tabbed", true},
    {{"! /inverted/abs", "inverted"}, "inverted/abs", true},
    {{"inverted", "! /inverted/abs"}, "inverted/abs", false},
    // Comments and blank lines.
    {{"# comment", "", "   ", "x"}, "x", true},
    {{"# x"}, "# x", false},
    {{"#x"}, "#x", false},
    {{" #x"}, "#x", true},  // `#` only starts a comment in the first column
    // Exceptions: last match wins, parents re-included as moby does.
    {{"docs", "!docs/README.md"}, "docs/README.md", false},
    {{"docs", "!docs/README.md"}, "docs/other.md", true},
    {{"docs/", "!docs/README.md"}, "docs/README.md", false},
    {{"docs/*", "!docs/README.md"}, "docs/README.md", false},
    {{"!fileutils.go", "*.go"}, "fileutils.go", true},
    {{"*.go", "!fileutils.go"}, "fileutils.go", false},
    {{"**", "!util/docker/web"}, "util/docker/web/foo", false},
    {{"**", "!util/docker/web", "util/docker/web/foo"}, "util/docker/web/foo", true},
    {{"**", "!dist/*.whl"}, "dist/a-1.0-py3-none-any.whl", false},
    {{"*", "!keep"}, "keep/inside/file", false},
    {{"*", "!keep"}, "drop/inside/file", true},
    {{"a", "!a/b", "a/b/c"}, "a/b/c/d", true},
    {{"a", "!a/b", "a/b/c"}, "a/b/x", false},
    // Malformed patterns are dropped (the engine refuses them).
    {{"["}, "[", false},
    {{"a[", "a"}, "a", true},
    {{"!"}, "!", false},
};

TEST(DockerIgnore, Table) {
  ASSERT_GE(kCases.size(), 80u);
  for (const auto& c : kCases) {
    auto m = IgnoreMatcher::parse(join(c.lines));
    EXPECT_EQ(m.excluded(c.path), c.excluded) << "patterns: " << join(c.lines) << "path: " << c.path;
  }
}

TEST(DockerIgnore, RootIsNeverExcluded) {
  auto m = IgnoreMatcher::parse("*\n**\n.\n");
  EXPECT_FALSE(m.excluded("."));
  EXPECT_FALSE(m.excluded(""));
}

TEST(DockerIgnore, PatternsAreCleanedAndNumbered) {
  auto m = IgnoreMatcher::parse("\xEF\xBB\xBF./a/\r\n# c\n\n!/b//c/\n  d/../e  \n");
  ASSERT_EQ(m.patterns().size(), 3u);
  EXPECT_EQ(m.patterns()[0].text, "a");
  EXPECT_EQ(m.patterns()[0].line, 1);
  EXPECT_FALSE(m.patterns()[0].exclusion);
  EXPECT_EQ(m.patterns()[1].text, "b/c");
  EXPECT_TRUE(m.patterns()[1].exclusion);
  EXPECT_EQ(m.patterns()[1].line, 4);
  EXPECT_EQ(m.patterns()[2].text, "e");
  EXPECT_TRUE(m.has_exclusions());
}

TEST(DockerIgnore, ErrorsNameTheLine) {
  auto m = IgnoreMatcher::parse("ok\n[\n!\n!  \na\\\n");
  ASSERT_EQ(m.errors().size(), 4u);
  EXPECT_EQ(m.errors()[0].line, 2);
  EXPECT_EQ(m.errors()[1].line, 3);
  EXPECT_NE(m.errors()[1].message.find("illegal exclusion"), std::string::npos);
  EXPECT_EQ(m.errors()[2].line, 4);
  EXPECT_EQ(m.errors()[3].line, 5);
  EXPECT_EQ(m.patterns().size(), 1u);
}

TEST(DockerIgnore, DecidingNamesThePattern) {
  auto m = IgnoreMatcher::parse("*.md\n!README.md\nsecret/\n");
  ASSERT_NE(m.deciding("CHANGES.md"), nullptr);
  EXPECT_EQ(m.deciding("CHANGES.md")->line, 1);
  ASSERT_NE(m.deciding("README.md"), nullptr);
  EXPECT_TRUE(m.deciding("README.md")->exclusion);
  ASSERT_NE(m.deciding("secret/a/b"), nullptr);
  EXPECT_EQ(m.deciding("secret/a/b")->text, "secret");
  EXPECT_EQ(m.deciding("src/main.c"), nullptr);
}

TEST(DockerIgnore, ParentStateAgreesWithDirectMatching) {
  auto m = IgnoreMatcher::parse("build\n!build/keep\n**/*.log\n!**/important.log\n");
  const std::vector<std::string> paths = {"build/x", "build/keep/y", "a/b.log", "a/important.log", "build/keep/z.log",
                                          "src/main.c"};
  for (const auto& p : paths) {
    std::vector<char> state;
    size_t slash = p.find('/');
    while (slash != std::string::npos) {
      state = m.parent_state(p.substr(0, slash), state);
      slash = p.find('/', slash + 1);
    }
    int who = m.decide(p, state);
    bool excl = who >= 0 && !m.patterns()[who].exclusion;
    EXPECT_EQ(excl, m.excluded(p)) << p;
  }
}

TEST(DockerIgnore, MayReincludeUnder) {
  auto plain = IgnoreMatcher::parse("node_modules\n!src/keep\n");
  EXPECT_FALSE(plain.may_reinclude_under("node_modules"));
  EXPECT_TRUE(plain.may_reinclude_under("src"));
  auto none = IgnoreMatcher::parse("node_modules\n");
  EXPECT_FALSE(none.may_reinclude_under("node_modules"));
  auto wild = IgnoreMatcher::parse("node_modules\n!**/*.keep\n");
  EXPECT_TRUE(wild.may_reinclude_under("node_modules"));
}

TEST(DockerIgnore, HugeAndBinaryInputIsBounded) {
  std::string big(70 * 1024, 'a');
  auto m = IgnoreMatcher::parse("x\n" + big + "\ny\n");
  EXPECT_EQ(m.patterns().size(), 1u);
  EXPECT_EQ(m.errors().size(), 1u);
  std::string bin("\0\xff\xfe[*?\\\n**\x80\n", 12);
  auto b = IgnoreMatcher::parse(bin);
  (void)b.excluded("a/b");
  std::string stars(2000, '*');
  auto s = IgnoreMatcher::parse(stars + "a\n");
  EXPECT_FALSE(s.excluded(std::string(3000, 'b')));
}

}  // namespace
}  // namespace dd::context
