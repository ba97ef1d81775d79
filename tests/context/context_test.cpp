// BuildContext::load on real temporary folders.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "context/context.h"
#include "helpers.h"

namespace dd::context {
namespace {

using dd::test::TempDir;
namespace fs = std::filesystem;

std::vector<std::string> paths(const std::vector<const Entry*>& es) {
  std::vector<std::string> out;
  for (const auto* e : es) out.push_back(e->path);
  return out;
}

bool has(const std::vector<Entry>& es, const std::string& p) {
  return std::any_of(es.begin(), es.end(), [&](const Entry& e) { return e.path == p; });
}

TEST(BuildContext, WalksAndAppliesDockerignore) {
  TempDir d;
  d.write("Dockerfile", "FROM scratch\n");
  d.write(".dockerignore", "node_modules\n*.log\n");
  d.write("src/app.js", "12345");
  d.write("node_modules/a/index.js", std::string(1000, 'x'));
  d.write("debug.log", "xx");
  d.write("src/debug.log", "yyy");  // `*.log` only matches at the root
  auto c = BuildContext::load(d.path(), d.path() / "Dockerfile");
  EXPECT_EQ(c.ignore_file(), d.path() / ".dockerignore");
  EXPECT_TRUE(has(c.entries(), "src/app.js"));
  EXPECT_TRUE(has(c.entries(), "src/debug.log"));
  EXPECT_FALSE(has(c.entries(), "debug.log"));
  EXPECT_TRUE(has(c.excluded(), "debug.log"));
  EXPECT_TRUE(has(c.excluded(), "node_modules"));
  EXPECT_FALSE(has(c.entries(), "node_modules/a/index.js"));
  EXPECT_FALSE(has(c.excluded(), "node_modules/a/index.js"));  // skipped whole, never walked
  // Dockerfile (13) + .dockerignore (19) + app.js (5) + src/debug.log (3)
  EXPECT_EQ(c.total_size(), 13u + 19u + 5u + 3u);
  EXPECT_FALSE(c.truncated());
}

TEST(BuildContext, ExceptionReincludesInsideExcludedDir) {
  TempDir d;
  d.write(".dockerignore", "build\n!build/keep.txt\n");
  d.write("build/keep.txt", "k");
  d.write("build/drop.txt", "d");
  auto c = BuildContext::load(d.path(), d.path() / "Dockerfile");
  EXPECT_TRUE(has(c.entries(), "build/keep.txt"));
  EXPECT_FALSE(has(c.entries(), "build/drop.txt"));
  EXPECT_TRUE(has(c.excluded(), "build/drop.txt"));
}

TEST(BuildContext, DockerfileSpecificIgnoreWins) {
  TempDir d;
  d.write(".dockerignore", "a.txt\n");
  d.write("docker/app.Dockerfile.dockerignore", "b.txt\n");
  d.write("docker/app.Dockerfile", "FROM scratch\n");
  d.write("a.txt", "a");
  d.write("b.txt", "b");
  auto c = BuildContext::load(d.path(), d.path() / "docker/app.Dockerfile");
  EXPECT_EQ(c.ignore_file(), d.path() / "docker/app.Dockerfile.dockerignore");
  EXPECT_TRUE(has(c.entries(), "a.txt"));
  EXPECT_FALSE(has(c.entries(), "b.txt"));
  auto plain = BuildContext::load(d.path(), d.path() / "Dockerfile");
  EXPECT_FALSE(has(plain.entries(), "a.txt"));
}

TEST(BuildContext, NoIgnoreFile) {
  TempDir d;
  d.write("x", "1");
  auto c = BuildContext::load(d.path(), {});
  EXPECT_TRUE(c.ignore_file().empty());
  EXPECT_TRUE(c.ignore().empty());
  EXPECT_TRUE(has(c.entries(), "x"));
}

TEST(BuildContext, SymlinksAreNotFollowed) {
  TempDir d;
  TempDir outside;
  outside.write("big/file", std::string(5000, 'z'));
  d.write("real.txt", "r");
  ASSERT_EQ(symlink(outside.path().c_str(), (d.path() / "link").c_str()), 0);
  ASSERT_EQ(symlink("link", (d.path() / "loop").c_str()), 0);
  auto c = BuildContext::load(d.path(), {});
  const Entry* l = c.find("link");
  ASSERT_NE(l, nullptr);
  EXPECT_TRUE(l->is_symlink);
  EXPECT_FALSE(has(c.entries(), "link/big/file"));
  EXPECT_EQ(c.total_size(), 1u);
  EXPECT_EQ(c.read("link"), "");
}

TEST(BuildContext, LargestSumsTopLevelItems) {
  TempDir d;
  d.write("node_modules/a/x.js", std::string(3000, 'x'));
  d.write("node_modules/b/y.js", std::string(2000, 'x'));
  d.write("video.mp4", std::string(4000, 'v'));
  d.write("README", "r");
  auto c = BuildContext::load(d.path(), {});
  auto top = c.largest(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].path, "node_modules");
  EXPECT_EQ(top[0].size, 5000u);
  EXPECT_TRUE(top[0].is_dir);
  EXPECT_EQ(top[1].path, "video.mp4");
  EXPECT_FALSE(top[1].is_dir);
}

TEST(BuildContext, SourcesResolveLikeCopy) {
  TempDir d;
  d.write(".dockerignore", "secret.txt\n");
  d.write("package.json", "{}");
  d.write("package-lock.json", "{}");
  d.write("src/a.go", "a");
  d.write("src/sub/b.go", "b");
  d.write("secret.txt", "s");
  auto c = BuildContext::load(d.path(), {});
  EXPECT_EQ(paths(c.sources("package.json")), std::vector<std::string>{"package.json"});
  EXPECT_EQ(paths(c.sources("./package.json")), std::vector<std::string>{"package.json"});
  EXPECT_EQ(paths(c.sources("/package.json")), std::vector<std::string>{"package.json"});
  EXPECT_EQ(paths(c.sources("package*.json")), (std::vector<std::string>{"package-lock.json", "package.json"}));
  EXPECT_EQ(paths(c.sources("src")), (std::vector<std::string>{"src", "src/a.go", "src/sub", "src/sub/b.go"}));
  EXPECT_EQ(paths(c.sources("src/")), paths(c.sources("src")));
  EXPECT_EQ(paths(c.sources("src/*.go")), std::vector<std::string>{"src/a.go"});
  EXPECT_EQ(paths(c.sources("s*")), (std::vector<std::string>{"src", "src/a.go", "src/sub", "src/sub/b.go"}));
  EXPECT_EQ(c.sources(".").size(), c.entries().size());
  EXPECT_EQ(c.sources("./").size(), c.entries().size());
  EXPECT_TRUE(c.sources("secret.txt").empty());
  EXPECT_EQ(paths(c.excluded_sources("secret.txt")), std::vector<std::string>{"secret.txt"});
  EXPECT_TRUE(c.sources("missing").empty());
  EXPECT_TRUE(c.sources("[").empty());
}

TEST(BuildContext, ReadsOnlySentRegularFiles) {
  TempDir d;
  d.write(".dockerignore", "hidden\n");
  d.write(".npmrc", "//registry.npmjs.org/:_authToken=abc\n");
  d.write("hidden", "h");
  auto c = BuildContext::load(d.path(), {});
  EXPECT_EQ(c.read(".npmrc", 8), "//regist");
  EXPECT_EQ(c.read("hidden"), "");
  EXPECT_EQ(c.read("nope"), "");
}

TEST(BuildContext, UnreadableDirIsAWarningNotACrash) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads everything";
  TempDir d;
  d.write("locked/x", "1");
  fs::permissions(d.path() / "locked", fs::perms::none);
  auto c = BuildContext::load(d.path(), {});
  fs::permissions(d.path() / "locked", fs::perms::owner_all);
  EXPECT_EQ(c.warnings().size(), 1u);
  EXPECT_TRUE(has(c.entries(), "locked"));
}

TEST(BuildContext, MissingRootGivesEmptyContext) {
  auto c = BuildContext::load("/nonexistent/drydock/ctx", {});
  EXPECT_TRUE(c.entries().empty());
  EXPECT_EQ(c.warnings().size(), 1u);
}

}  // namespace
}  // namespace dd::context
