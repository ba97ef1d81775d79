// What DD1032 predicts is what the engine does: a file the build copies into a
// WORKDIR under /dev is hidden by the /dev the runtime mounts at start.
#include <nlohmann/json.hpp>

#include "helpers/docker_images.h"
#include "lint/lint.h"
#include "runtime_test.h"

namespace dd::test {
namespace {

TEST(WorkdirSystemDirLive, FilesCopiedUnderDevAreGoneAtRunTime) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  const std::string base = busybox_image();
  ASSERT_FALSE(base.empty()) << "could not build the busybox test image";
  for (const std::string dir : {"/dev/app", "/app"}) {
    TempDir ctx;
    ctx.write("app.txt", "hello\n");
    ctx.write(".dockerignore", "Dockerfile\n");
    auto df = ctx.write("Dockerfile", "FROM " + base + "\nWORKDIR " + dir + "\nCOPY app.txt .\nCMD [\"cat\", \"" + dir +
                                          "/app.txt\"]\n");
    lint::Options opt;
    opt.context_dir = ctx.path();
    int predicted = 0;
    for (const auto& f : lint::lint_file(df, opt, {}).findings) predicted += f.rule == "DD1032";
    const std::string image = "drydock-test/workdir-" + std::string(dir == "/app" ? "app" : "dev");
    ASSERT_TRUE(docker_build(ctx.path(), image)) << "docker build failed";
    Container c("workdir-" + std::string(dir == "/app" ? "app" : "dev"));
    c.run({image});
    const int code = c.wait_exit(60);
    const std::string logs = c.logs();
    docker({"rmi", "-f", image});
    if (dir == "/app") {
      EXPECT_EQ(predicted, 0);
      EXPECT_EQ(code, 0) << logs;
      EXPECT_NE(logs.find("hello"), std::string::npos) << logs;
    } else {
      EXPECT_EQ(predicted, 1);
      EXPECT_NE(code, 0) << logs;  // the copied file is not there
      EXPECT_NE(logs.find("No such file or directory"), std::string::npos) << logs;
    }
  }
}

}  // namespace
}  // namespace dd::test
