// COPY/ADD source resolution (context/copy_sources.h) on real folders: what
// a source sends with .dockerignore applied and --exclude patterns removed.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "context/context.h"
#include "context/copy_sources.h"
#include "helpers.h"

namespace dd::context {
namespace {

using dd::test::TempDir;

bool sends(const std::vector<const Entry*>& es, const std::string& p) {
  return std::any_of(es.begin(), es.end(), [&](const Entry* e) { return e->path == p; });
}

TEST(CopySources, DockerignoreAndExcludes) {
  TempDir d;
  d.write("Dockerfile", "FROM scratch\nCOPY --exclude=*.test.js src/ /app/\n");
  d.write(".dockerignore", "**/*.log\nsecrets\n");
  d.write("src/app.js", "x");
  d.write("src/app.test.js", "x");
  d.write("src/lib/util.js", "x");
  d.write("src/lib/util.test.js", "x");
  d.write("src/debug.log", "x");
  d.write("secrets/key.pem", "x");
  auto ctx = BuildContext::load(d.path(), d.path() / "Dockerfile");

  auto all = copy_sources(ctx, "src");
  EXPECT_TRUE(sends(all, "src/app.js"));
  EXPECT_TRUE(sends(all, "src/lib/util.js"));
  EXPECT_TRUE(sends(all, "src/app.test.js"));
  EXPECT_FALSE(sends(all, "src/debug.log")) << ".dockerignore applies";

  // --exclude matches below the source and the full path, at any depth with **.
  auto ex = copy_sources(ctx, "src/", {"*.test.js", "**/*.test.js"});
  EXPECT_TRUE(sends(ex, "src/app.js"));
  EXPECT_TRUE(sends(ex, "src/lib/util.js"));
  EXPECT_FALSE(sends(ex, "src/app.test.js"));
  EXPECT_FALSE(sends(ex, "src/lib/util.test.js"));

  auto whole = copy_sources(ctx, ".");
  EXPECT_TRUE(sends(whole, "src/app.js"));
  EXPECT_FALSE(sends(whole, "secrets/key.pem"));
  EXPECT_TRUE(copy_sources(ctx, "missing.txt").empty());
  EXPECT_TRUE(sends(copy_sources(ctx, "src/*.js"), "src/app.js"));
}

TEST(CopySources, WholeContextAndRemote) {
  for (const char* s : {".", "./", "/", "*", "./."}) EXPECT_TRUE(whole_context(s)) << s;
  for (const char* s : {"src", "./src", "*.js", "package.json"}) EXPECT_FALSE(whole_context(s)) << s;
  for (const char* s : {"https://example.com/a.tgz", "git@github.com:o/r.git", "http://x/y"})
    EXPECT_TRUE(is_remote_source(s)) << s;
  for (const char* s : {"src", "a:b", "file.tar.gz"}) EXPECT_FALSE(is_remote_source(s)) << s;
}

}  // namespace
}  // namespace dd::context
