// What DD2012/DD2013 predict from the Dockerfile and its context is what the
// engine does: each case is linted, then built and run for real.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/client.h"
#include "helpers/docker_images.h"
#include "lint/lint.h"
#include "runtime/live.h"
#include "runtime_test.h"

namespace dd::test {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  std::vector<Finding> lint;  // findings of DD2012 and DD2013
  int exit_code = -1;
  std::string error;  // State.Error and the logs: why the process could not start
  std::vector<Finding> diagnosis;  // drydock diagnose of the dead container
};

const Finding* with_rule(const std::vector<Finding>& fs, const std::string& rule) {
  for (const auto& f : fs)
    if (f.rule == rule) return &f;
  return nullptr;
}

class StartScriptLive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
    base_ = busybox_image();
    ASSERT_FALSE(base_.empty()) << "could not build the busybox test image";
  }

  Outcome run(const std::string& tag, const std::string& script, bool executable) {
    TempDir dir;
    auto p = dir.write("start.sh", script);
    fs::permissions(p, executable ? fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read |
                                        fs::perms::group_exec | fs::perms::others_exec
                                  : fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                        fs::perms::others_read,
                    fs::perm_options::replace);
    dir.write(".dockerignore", "Dockerfile\n");
    auto df = dir.write("Dockerfile", "FROM " + base_ + "\nCOPY start.sh /start.sh\nCMD [\"/start.sh\"]\n");
    Outcome o;
    lint::Options opt;
    opt.context_dir = dir.path();
    for (auto& f : lint::lint_file(df, opt, {}).findings)
      if (f.rule == "DD2012" || f.rule == "DD2013") o.lint.push_back(f);
    std::string image = "drydock-test/start-" + tag;
    EXPECT_TRUE(docker_build(dir.path(), image)) << "docker build failed";
    Container c("start-" + tag);
    c.run({image});
    o.exit_code = c.wait_exit(60);
    auto j = nlohmann::json::parse(c.inspect_json());
    if (j.is_array() && !j.empty()) j = j[0];
    // The runtime reports a failed exec either in State.Error (before start)
    // or on the container's stderr (after it).
    o.error = j["State"].value("Error", "") + "\n" + c.logs();
    engine::Client client;
    o.diagnosis = runtime::diagnose_live(client, c.name(), 200);
    docker({"rmi", "-f", image});
    return o;
  }

  std::string base_;
};

TEST_F(StartScriptLive, CrlfLineEndingsFailWithNoSuchFile) {
  auto o = run("crlf", "#!/bin/sh\r\necho started\r\nsleep 30\r\n", true);
  ASSERT_EQ(o.lint.size(), 1u);
  EXPECT_NE(o.lint[0].message.find("CRLF"), std::string::npos);
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.error.find("no such file or directory"), std::string::npos) << o.error;
  // diagnose reads the script back from the dead container and names the cause.
  const Finding* f = with_rule(o.diagnosis, "DD5213");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("CRLF"), std::string::npos) << f->message;
  EXPECT_EQ(f->evidence.rfind("/start.sh:1: #!/bin/sh\\r", 0), 0u) << f->evidence;
  EXPECT_EQ(with_rule(o.diagnosis, "DD5210"), nullptr) << "not a missing dynamic loader";
}

TEST_F(StartScriptLive, MissingExecuteBitFailsWithPermissionDenied) {
  auto o = run("noexec", "#!/bin/sh\nsleep 30\n", false);
  ASSERT_EQ(o.lint.size(), 1u);
  EXPECT_NE(o.lint[0].message.find("not executable"), std::string::npos);
  EXPECT_EQ(o.exit_code, 126);
  EXPECT_NE(o.error.find("permission denied"), std::string::npos) << o.error;
}

TEST_F(StartScriptLive, NoShebangFailsWithExecFormatError) {
  auto o = run("noshebang", "sleep 30\n", true);
  ASSERT_EQ(o.lint.size(), 1u);
  EXPECT_NE(o.lint[0].message.find("no #!"), std::string::npos);
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.error.find("exec format error"), std::string::npos) << o.error;
  const Finding* f = with_rule(o.diagnosis, "DD5213");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("no #! line"), std::string::npos) << f->message;
  for (const auto& x : o.diagnosis) EXPECT_NE(x.category, Category::arch_mismatch) << x.rule << ": " << x.message;
}

TEST_F(StartScriptLive, BashShebangOnBusyboxFailsWithNoSuchFile) {
  auto o = run("bash", "#!/bin/bash\nsleep 30\n", true);
  ASSERT_EQ(o.lint.size(), 1u);
  EXPECT_EQ(o.lint[0].category, Category::missing_dependency);
  EXPECT_NE(o.exit_code, 0);
  EXPECT_NE(o.error.find("no such file or directory"), std::string::npos) << o.error;
  const Finding* f = with_rule(o.diagnosis, "DD5213");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->category, Category::missing_dependency);
  EXPECT_NE(f->message.find("needs /bin/bash"), std::string::npos) << f->message;
}

TEST_F(StartScriptLive, DaemonizingLastLineExitsAtOnceWithZero) {
  // busybox httpd forks into the background unless given -f.
  auto o = run("daemon", "#!/bin/sh\necho starting\nhttpd -p 8080 -h /tmp\n", true);
  ASSERT_EQ(o.lint.size(), 1u);
  EXPECT_EQ(o.lint[0].rule, "DD2012");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.error, "\nstarting\n");
}

TEST_F(StartScriptLive, WorkingScriptHasNoFindingAndRuns) {
  auto o = run("ok", "#!/bin/sh\necho started\nexec sleep 2\n", true);
  EXPECT_TRUE(o.lint.empty()) << o.lint[0].message;
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.error, "\nstarted\n");
}

}  // namespace
}  // namespace dd::test
