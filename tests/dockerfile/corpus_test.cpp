// Every Dockerfile of the shared corpus is accepted by BuildKit, so the
// parser must accept each of them without an error.
#include <gtest/gtest.h>

#include <filesystem>

#include "dockerfile/parser.h"
#include "helpers.h"

namespace dd::dockerfile {
namespace {

namespace fs = std::filesystem;

TEST(Corpus, EveryDockerfileParsesWithoutErrors) {
  fs::path dir = dd::test::shared_dir() / "corpus" / "dockerfiles";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpus at " << dir;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    // Templates (e.g. jq-templated Dockerfile-linux.template) are inputs of
    // a generator, not Dockerfiles.
    if (e.path().extension() == ".template") continue;
    std::string text = dd::test::read_text(e.path());
    auto df = parse(text, e.path().string());
    ++files;
    for (const auto& err : df.errors)
      ADD_FAILURE() << e.path() << ":" << err.range.begin.line << ":" << err.range.begin.column << ": "
                    << err.message;
    EXPECT_FALSE(df.stages.empty()) << e.path();
    for (const auto& ins : df.instructions) EXPECT_GE(ins.range.begin.line, 1) << e.path();
  }
  EXPECT_GT(files, 50);
}

}  // namespace
}  // namespace dd::dockerfile
