// Real incidents on the live engine: each test starts a container that fails
// in a known way, then asserts what diagnose says about it.
#include <filesystem>
#include <fstream>

#include "engine/client.h"
#include "helpers/docker_images.h"
#include "runtime/live.h"
#include "runtime_test.h"

namespace dd::test {
namespace {

class Live : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
    image_ = busybox_image();
    ASSERT_FALSE(image_.empty()) << "could not build the busybox test image";
  }

  // Starts the container, waits for it to stop, diagnoses it.
  std::vector<Finding> incident(Container& c, std::vector<std::string> args, int expect_exit) {
    c.run(args);
    int code = c.wait_exit(90);
    EXPECT_EQ(code, expect_exit) << c.logs();
    return diagnose(c);
  }

  std::vector<Finding> diagnose(Container& c) {
    engine::Client client;
    return runtime::diagnose_live(client, c.name(), 200);
  }

  std::string image_;
};

TEST_F(Live, ExitsImmediatelyBecauseTheServerDaemonizes) {
  Container c("daemon");
  auto fs = incident(c, {image_, "httpd", "-p", "8080"}, 0);
  const Finding* f = find_rule(fs, "DD5203");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::exits_immediately);
  EXPECT_TRUE(contains(f->evidence, R"(Config.Cmd=["httpd","-p","8080"])")) << f->evidence;
  EXPECT_EQ(f->location.container, c.name());
}

TEST_F(Live, OomKilledUnderMemoryLimit) {
  Container c("oom");
  auto fs = incident(c, {"--memory", "16m", "--memory-swap", "16m", image_, "sh", "-c", "x=a; while true; do x=$x$x; done"},
                     137);
  const Finding* f = find_category(fs, Category::oom_killed);
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "State.OOMKilled=true")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "HostConfig.Memory=16777216")) << f->evidence;
}

TEST_F(Live, MissingEnvVar) {
  Container c("env");
  auto fs = incident(c, {image_, "sh", "-c", ": ${DB_HOST:?DB_HOST is not set}"}, 2);
  const Finding* f = find_rule(fs, "DD5212");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::config_missing);
  EXPECT_TRUE(contains(f->evidence, "DB_HOST is not set")) << f->evidence;
  EXPECT_EQ(f->location.field, "logs:stderr:1");
}

TEST_F(Live, WriteRefusedUnderReadOnlyRoot) {
  Container c("ro");
  auto fs = incident(c, {"--read-only", image_, "sh", "-c", "echo x > /app.log"}, 1);
  const Finding* f = find_rule(fs, "DD5205");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::read_only_filesystem);
  EXPECT_TRUE(contains(f->evidence, "HostConfig.ReadonlyRootfs=true")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "/app.log: Read-only file system")) << f->evidence;
}

TEST_F(Live, WriteRefusedForNonRootUser) {
  Container c("user");
  auto fs = incident(c, {"--user", "1000:1000", image_, "sh", "-c", "mkdir /data"}, 1);
  const Finding* f = find_rule(fs, "DD5206");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::volume_permissions);
  EXPECT_TRUE(contains(f->evidence, "Config.User=1000:1000")) << f->evidence;
}

TEST_F(Live, GlibcBinaryOnBusybox) {
  Container c("loader");
  auto fs = incident(c, {"-v", "/bin/ls:/app/ls:ro", image_, "/app/ls"}, 1);
  const Finding* f = find_rule(fs, "DD5210");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::missing_dependency);
  // The binary is read back from the container: the loader it asks for is named.
  EXPECT_EQ(f->evidence,
            "/app/ls: ELF program interpreter /lib64/ld-linux-x86-64.so.2 (missing)  (stderr line 1: exec /app/ls: no "
            "such file or directory)");
  EXPECT_TRUE(contains(f->message, "its dynamic loader /lib64/ld-linux-x86-64.so.2 is not in the image")) << f->message;
}

TEST_F(Live, ForeignArchitectureBinary) {
  auto bin = foreign_arch_busybox();
  if (bin.empty()) GTEST_SKIP() << "busybox-static:arm64 could not be downloaded";
  Container c("arch");
  auto fs = incident(c, {"-v", bin.string() + ":/app/tool:ro", image_, "/app/tool"}, 1);
  const Finding* f = find_category(fs, Category::arch_mismatch);
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->evidence, "exec /app/tool: exec format error");
}

TEST_F(Live, ForeignArchitectureImageNamesBothArchitectures) {
  std::string img = foreign_arch_image();
  if (img.empty()) GTEST_SKIP() << "the arm64 test image could not be built";
  Container c("arch-image");
  auto fs = incident(c, {img, "sh", "-c", "echo hi"}, 1);
  const Finding* f = find_rule(fs, "DD5207");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "built for arm64 but the host is amd64")) << f->message;
}

TEST_F(Live, MissingSharedLibrary) {
  Container c("lib");
  auto fs = incident(c,
                     {"-v", "/bin/ls:/app/ls:ro", "-v", "/lib64/ld-linux-x86-64.so.2:/lib64/ld-linux-x86-64.so.2:ro",
                      "-v", "/lib/x86_64-linux-gnu/libc.so.6:/lib/x86_64-linux-gnu/libc.so.6:ro", image_, "/app/ls"},
                     127);
  const Finding* f = find_rule(fs, "DD5209");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "libselinux.so.1")) << f->message;
}

TEST_F(Live, ConnectionRefusedOnLocalhost) {
  Container c("refused");
  auto fs = incident(c, {"-e", "DB_URL=postgres://app@127.0.0.1:5432/app", image_, "wget", "-q", "-O-",
                         "http://127.0.0.1:5432/"},
                     1);
  const Finding* f = find_rule(fs, "DD5211");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::network_unreachable);
  EXPECT_TRUE(contains(f->evidence, "Connection refused")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "DB_URL=")) << f->evidence;
}

TEST_F(Live, FailingHealthcheckOnWrongPort) {
  Container c("health");
  c.run({"--expose", "8080", "--health-cmd", "wget -q -O /dev/null http://127.0.0.1:8081/ || exit 1",
         "--health-interval", "1s", "--health-retries", "2", "--health-timeout", "2s", image_, "httpd", "-f", "-p",
         "8080"});
  ASSERT_TRUE(c.wait_health("unhealthy", 90));
  auto fs = diagnose(c);
  const Finding* f = find_rule(fs, "DD5204");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "Connection refused")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "8080/tcp")) << f->evidence;
}

TEST_F(Live, CommandNotFound) {
  Container c("notfound");
  c.run({image_, "nosuchcmd"});
  c.wait_exit(30);
  auto fs = diagnose(c);
  const Finding* f = find_rule(fs, "DD5208");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "nosuchcmd")) << f->message;
  EXPECT_TRUE(contains(f->evidence, "State.ExitCode=127")) << f->evidence;
}

TEST_F(Live, PermissionDeniedEntrypoint) {
  TempDir dir;
  auto script = dir.write("run.sh", "echo hi\n");
  std::filesystem::permissions(script, std::filesystem::perms(0644));
  Container c("noexec");
  c.run({"-v", script.string() + ":/app/run.sh:ro", image_, "/app/run.sh"});
  c.wait_exit(30);
  auto fs = diagnose(c);
  const Finding* f = find_rule(fs, "DD5004");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "State.ExitCode=126")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "permission denied")) << f->evidence;
}

TEST_F(Live, SegfaultAndSigterm) {
  Container a("segv");
  auto fs = incident(a, {image_, "sh", "-c", "sh -c 'kill -SEGV $$'; exit $?"}, 139);
  const Finding* f = find_rule(fs, "DD5008");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "SIGSEGV")) << f->message;
  Container b("term");
  fs = incident(b, {image_, "sh", "-c", "sh -c 'kill -TERM $$'; exit $?"}, 143);
  f = find_rule(fs, "DD5009");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "SIGTERM")) << f->message;
}

TEST_F(Live, UnknownContainerIsAnInputError) {
  engine::Client client;
  try {
    runtime::fetch(client, "drydock-test-no-such-container", 10);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "no such container: drydock-test-no-such-container");
  }
}

}  // namespace
}  // namespace dd::test
