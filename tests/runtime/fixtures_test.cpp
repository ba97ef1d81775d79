// Diagnosis of real incidents from saved `docker inspect` + `docker logs`
// pairs (tests/fixtures/runtime/, made by make_fixtures.sh): no engine needed.
#include <fstream>

#include "core/error.h"
#include "core/redact.h"
#include "runtime_test.h"

namespace dd::test {
namespace {

using runtime::ContainerState;

TEST(DiagnoseFixture, ExitsImmediatelyNamesTheDaemonizingCommand) {
  auto fs = diagnose_fixture("exits-immediately");
  const Finding* f = find_rule(fs, "DD5203");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::exits_immediately);
  EXPECT_TRUE(contains(f->evidence, R"(Config.Cmd=["httpd","-p","8080"])")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "State.ExitCode=0")) << f->evidence;
  EXPECT_EQ(f->location.container, "drydock-fixture-exits-immediately");
  EXPECT_EQ(f->location.field, "Config.Cmd");
  EXPECT_TRUE(contains(f->fix, "httpd\", \"-f\"")) << f->fix;
  EXPECT_EQ(find_rule(fs, "DD5001"), nullptr) << "the generic exit-0 finding is explained";
}

TEST(DiagnoseFixture, OomKilledUnderMemoryLimitQuotesStateAndLimit) {
  auto fs = diagnose_fixture("oom");
  const Finding* f = find_rule(fs, "DD5006");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::oom_killed);
  EXPECT_TRUE(contains(f->evidence, "State.OOMKilled=true")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "HostConfig.Memory=16777216 (16MiB)")) << f->evidence;
  EXPECT_TRUE(contains(f->message, "16MiB memory limit")) << f->message;
  EXPECT_EQ(f->location.field, "State.ExitCode");
}

nlohmann::json load_json(const std::string& name) {
  std::ifstream in(runtime_fixture(name));
  return nlohmann::json::parse(in);
}

TEST(DiagnoseFixture, OomKilledWithoutLimitMeansTheHostRanOut) {
  auto j = load_json("oom.json");
  j[0]["HostConfig"]["Memory"] = 0;
  auto s = runtime::from_docker_inspect(j[0]);
  auto fs = runtime::diagnose(s, {});
  const Finding* f = find_rule(fs, "DD5201");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "State.OOMKilled=true, HostConfig.Memory=0")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "--memory")) << f->fix;
  EXPECT_TRUE(contains(f->fix, "limits:")) << f->fix;
  EXPECT_EQ(find_rule(fs, "DD5006"), nullptr) << "explained by DD5201";
}

TEST(DiagnoseFixture, HeapAboveLimitQuotesBothValues) {
  auto j = load_json("oom.json");
  j[0]["Config"]["Env"].push_back("NODE_OPTIONS=--max-old-space-size=4096");
  auto fs = runtime::diagnose(runtime::from_docker_inspect(j[0]), {});
  const Finding* f = find_rule(fs, "DD5202");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "NODE_OPTIONS=--max-old-space-size=4096 (4GiB heap)")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "HostConfig.Memory=16777216 (16MiB)")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "--max-old-space-size=12")) << f->fix;  // 75% of 16 MiB

  auto k = load_json("oom.json");
  k[0]["Config"]["Env"].push_back("JAVA_TOOL_OPTIONS=-Xmx2g");
  fs = runtime::diagnose(runtime::from_docker_inspect(k[0]), {});
  f = find_rule(fs, "DD5202");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "JAVA_TOOL_OPTIONS=-Xmx2g (2GiB heap)")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "MaxRAMPercentage")) << f->fix;

  // The same reader as Kubernetes' heap rules: -XX:MaxHeapSize, and a
  // NAME=-Xmx assignment inside the command line.
  auto m = load_json("oom.json");
  m[0]["Config"]["Env"].push_back("JAVA_OPTS=-XX:MaxHeapSize=1g");
  fs = runtime::diagnose(runtime::from_docker_inspect(m[0]), {});
  f = find_rule(fs, "DD5202");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "JAVA_OPTS=-XX:MaxHeapSize=1g (1GiB heap)")) << f->evidence;

  auto small = load_json("oom.json");
  small[0]["Config"]["Env"].push_back("NODE_OPTIONS=--max-old-space-size=8");
  EXPECT_EQ(find_rule(runtime::diagnose(runtime::from_docker_inspect(small[0]), {}), "DD5202"), nullptr);
}

TEST(DiagnoseFixture, MissingEnvVarNamesIt) {
  auto fs = diagnose_fixture("missing-env");
  const Finding* f = find_rule(fs, "DD5212");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::config_missing);
  EXPECT_TRUE(contains(f->evidence, "sh: DB_HOST: DB_HOST is not set")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "Config.Env has no DB_HOST")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "-e DB_HOST=")) << f->fix;
  EXPECT_EQ(f->location.line, 1);
  EXPECT_EQ(find_rule(fs, "DD5002"), nullptr) << "the generic exit 2 is explained";
}

TEST(DiagnoseFixture, ReadOnlyRootNeedsTmpfs) {
  auto fs = diagnose_fixture("read-only");
  const Finding* f = find_rule(fs, "DD5205");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::read_only_filesystem);
  EXPECT_TRUE(contains(f->evidence, "HostConfig.ReadonlyRootfs=true")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "Read-only file system")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "--tmpfs /var")) << f->fix;
  EXPECT_TRUE(contains(f->fix, "emptyDir: {}")) << f->fix;
}

TEST(DiagnoseFixture, NonRootUserCannotWrite) {
  auto fs = diagnose_fixture("non-root");
  const Finding* f = find_rule(fs, "DD5206");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::volume_permissions);
  EXPECT_TRUE(contains(f->evidence, "Config.User=1000:1000")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "can't create directory '/data': Permission denied")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "chown 1000:1000 /data")) << f->fix;
}

TEST(DiagnoseFixture, GlibcBinaryOnBusyboxLacksItsLoader) {
  auto fs = diagnose_fixture("no-loader");
  const Finding* f = find_rule(fs, "DD5210");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::missing_dependency);
  EXPECT_EQ(f->evidence, "exec /app/ls: no such file or directory");
  EXPECT_TRUE(contains(f->message, "/app/ls")) << f->message;
}

TEST(DiagnoseFixture, ForeignArchitectureBinary) {
  auto fs = diagnose_fixture("foreign-arch");
  const Finding* f = find_category(fs, Category::arch_mismatch);
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->evidence, "exec /app/tool: exec format error");
  EXPECT_TRUE(contains(f->fix, "--platform")) << f->fix;
}

TEST(DiagnoseFixture, ImageArchitectureDiffersFromHost) {
  auto states = runtime::read_inspect_file(runtime_fixture("arch-image.json"));
  ContainerState s = states.at(0);
  s.image_config.known = true;
  s.image_config.architecture = "arm64";
  s.host_arch = "amd64";
  auto fs = runtime::diagnose(s, runtime::read_log_file(runtime_fixture("arch-image.log")));
  const Finding* f = find_rule(fs, "DD5207");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "built for arm64 but the host is amd64")) << f->message;
  EXPECT_TRUE(contains(f->evidence, "Image.Architecture=arm64")) << f->evidence;
}

TEST(DiagnoseFixture, MissingSharedLibraryNamesLibraryAndPackage) {
  auto fs = diagnose_fixture("missing-lib");
  const Finding* f = find_rule(fs, "DD5209");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "libselinux.so.1")) << f->message;
  EXPECT_TRUE(contains(f->fix, "apt-get install -y --no-install-recommends libselinux1")) << f->fix;
  EXPECT_EQ(find_rule(fs, "DD5005"), nullptr) << "the exit 127 is explained";
}

TEST(DiagnoseFixture, ConnectionRefusedOnLocalhostNamesTheEnvAndRedactsIt) {
  auto fs = diagnose_fixture("localhost");
  const Finding* f = find_rule(fs, "DD5211");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::network_unreachable);
  EXPECT_TRUE(contains(f->evidence, "Connection refused")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "DATABASE_URL=postgres://app:")) << f->evidence;
  EXPECT_TRUE(contains(f->fix, "-e DATABASE_URL=postgres://app:PASSWORD@db:5432/app")) << f->fix;
  for (const auto& g : fs) {
    for (const auto* text : {&g.evidence, &g.message, &g.fix, &g.root_cause})
      EXPECT_FALSE(contains(*text, "s3cretpassw0rd")) << *text;
  }
  EXPECT_TRUE(contains(f->evidence, redact("s3cretpassw0rd"))) << f->evidence;
}

TEST(DiagnoseFixture, UnhealthyProbeOnWrongPort) {
  auto fs = diagnose_fixture("unhealthy");
  const Finding* f = find_rule(fs, "DD5204");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::no_healthcheck);
  EXPECT_TRUE(contains(f->evidence, "127.0.0.1:8081")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "Config.ExposedPorts=8080/tcp")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, "probe output: wget: can't connect to remote host (127.0.0.1): Connection refused"))
      << f->evidence;
  EXPECT_TRUE(contains(f->fix, "127.0.0.1:8080")) << f->fix;
  EXPECT_EQ(find_rule(fs, "DD5011"), nullptr) << "explained by DD5204";
}

TEST(DiagnoseFixture, CommandNotFoundFromTheRuntime) {
  auto fs = diagnose_fixture("not-found");
  const Finding* f = find_rule(fs, "DD5208");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "`nosuchcmd`")) << f->message;
  EXPECT_EQ(f->location.field, "State.Error");
  EXPECT_TRUE(contains(f->evidence, "State.ExitCode=127")) << f->evidence;
}

TEST(DiagnoseFixture, CommandNotFoundFromTheShell) {
  auto fs = diagnose_fixture("sh-not-found");
  const Finding* f = find_rule(fs, "DD5208");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "sh: nosuchcmd: not found")) << f->evidence;
}

TEST(DiagnoseFixture, NotExecutableEntrypoint) {
  auto fs = diagnose_fixture("not-executable");
  const Finding* f = find_rule(fs, "DD5004");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->category, Category::volume_permissions);
  EXPECT_TRUE(contains(f->evidence, "State.ExitCode=126")) << f->evidence;
  EXPECT_TRUE(contains(f->evidence, R"(exec: "/app/run.sh": permission denied)")) << f->evidence;
  EXPECT_EQ(f->evidence.find("State.Error"), f->evidence.rfind("State.Error")) << "quoted once: " << f->evidence;
  EXPECT_TRUE(contains(f->fix, "chmod +x /app/run.sh")) << f->fix;
  EXPECT_EQ(fs.size(), 1u) << dump(fs);
}

TEST(DiagnoseFixture, SegfaultAndSigterm) {
  auto fs = diagnose_fixture("segv");
  const Finding* f = find_rule(fs, "DD5008");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "139 (SIGSEGV)")) << f->message;
  EXPECT_TRUE(contains(f->evidence, "Segmentation fault")) << f->evidence;
  EXPECT_EQ(fs.size(), 1u) << dump(fs);

  fs = diagnose_fixture("sigterm");
  f = find_rule(fs, "DD5009");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "143 (SIGTERM)")) << f->message;
  EXPECT_EQ(f->severity, Severity::warning);
}

TEST(DiagnoseFixture, KilledWithoutOomIsAnExternalKill) {
  auto j = load_json("oom.json");
  j[0]["State"]["OOMKilled"] = false;
  auto fs = runtime::diagnose(runtime::from_docker_inspect(j[0]), {});
  const Finding* f = find_rule(fs, "DD5007");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "State.OOMKilled=false")) << f->evidence;
}

TEST(DiagnoseFixture, HealthyRunningContainerHasNoFindings) {
  auto j = load_json("unhealthy.json");
  j[0]["State"].erase("Health");
  EXPECT_TRUE(runtime::diagnose(runtime::from_docker_inspect(j[0]), {}).empty());
}

TEST(ReadInspect, RejectsMalformedAndForeignJson) {
  TempDir dir;
  EXPECT_THROW(runtime::read_inspect_file(dir.write("bad.json", "[{\"State\": ")), InputError);
  EXPECT_THROW(runtime::read_inspect_file(dir.write("empty.json", "[]")), InputError);
  EXPECT_THROW(runtime::read_inspect_file(dir.write("pod.json", R"({"kind":"Pod"})")), InputError);
  EXPECT_THROW(runtime::read_inspect_file(dir.path() / "missing.json"), InputError);
  // Mistyped fields are ignored, not fatal.
  auto s = runtime::read_inspect_file(
      dir.write("odd.json", R"({"State":{"ExitCode":"x","OOMKilled":1},"Config":{"Env":7},"HostConfig":[]})"));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_FALSE(s[0].exit_code.has_value());
  EXPECT_NO_THROW(runtime::diagnose(s[0], {}));
}

TEST(ReadLogs, StripsTimestampsAndReadsFramedStreams) {
  TempDir dir;
  auto logs = runtime::read_log_file(dir.write("t.log", "2024-05-01T10:00:00.123456789Z Killed\nplain\n"));
  ASSERT_EQ(logs.lines.size(), 2u);
  EXPECT_EQ(logs.lines[0].text, "Killed");
  std::string framed("\x02\x00\x00\x00\x00\x00\x00\x07oops!\r\n", 15);
  auto fl = runtime::read_log_file(dir.write("f.log", framed));
  ASSERT_EQ(fl.lines.size(), 1u);
  EXPECT_EQ(fl.lines[0].stream, 2);
  EXPECT_EQ(fl.lines[0].text, "oops!");
  std::string cut("\x01\x00\x00\x00\x00\x00\x00\x40short", 13);
  EXPECT_THROW(runtime::read_log_file(dir.write("cut.log", cut)), InputError);
  auto tail = runtime::read_log_file(dir.write("n.log", "a\nb\nc\n"), 2);
  ASSERT_EQ(tail.lines.size(), 2u);
  EXPECT_EQ(tail.lines[0].text, "b");
  EXPECT_EQ(tail.lines[0].number, 2);
}

}  // namespace
}  // namespace dd::test
