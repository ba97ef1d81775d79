// The joined-evidence rules on synthetic states: the cases the live
// incidents do not cover (nginx, service start, volumes, logs naming the port).
#include "runtime_test.h"

namespace dd::test {
namespace {

using runtime::ContainerState;
using runtime::Logs;

ContainerState exited(int code, double uptime = 1.0) {
  ContainerState s;
  s.name = "app";
  s.status = "exited";
  s.exit_code = code;
  s.uptime_seconds = uptime;
  return s;
}

Logs log_lines(std::initializer_list<const char*> lines) {
  Logs l;
  int n = 0;
  for (const char* t : lines) l.lines.push_back({2, ++n, t});
  return l;
}

TEST(Daemonized, ServiceStartAndNginxAndTrailingAmpersand) {
  auto s = exited(0);
  s.cmd = {"sh", "-c", "service nginx start"};
  auto fs_f = runtime::diagnose(s, {});
  auto f = find_rule(fs_f, "DD5203");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(contains(f->message, "init script")) << f->message;

  s.cmd = {"nginx"};
  fs_f = runtime::diagnose(s, {});
  f = find_rule(fs_f, "DD5203");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(contains(f->fix, "daemon off;")) << f->fix;

  s.cmd = {"nginx", "-g", "daemon off;"};
  EXPECT_EQ(find_rule(runtime::diagnose(s, {}), "DD5203"), nullptr);

  s.cmd = {"/bin/sh", "-c", "./server --port 80 &"};
  fs_f = runtime::diagnose(s, {});
  f = find_rule(fs_f, "DD5203");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(contains(f->message, "trailing &")) << f->message;
}

TEST(Daemonized, ImageCmdIsUsedAndLongRunsAreNotFlagged) {
  auto s = exited(0);
  s.image_config.cmd = {"nginx"};
  auto fs_f = runtime::diagnose(s, {});
  auto f = find_rule(fs_f, "DD5203");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->location.field, "Image.Config.Cmd");
  auto done = exited(0, 3600);
  done.cmd = {"nginx"};
  EXPECT_TRUE(runtime::diagnose(done, {}).empty()) << "a job that ran an hour and exited 0 is fine";
  auto quick = exited(0);
  quick.cmd = {"./migrate"};
  auto fs_g = runtime::diagnose(quick, {});
  auto g = find_rule(fs_g, "DD5001");
  ASSERT_NE(g, nullptr) << "exit 0 within seconds, reason unknown";
}

TEST(HealthcheckPort, UsesTheListeningPortFromTheLogs) {
  ContainerState s;
  s.name = "api";
  s.status = "running";
  s.running = true;
  s.exit_code = 0;
  s.health_status = "unhealthy";
  s.healthcheck = runtime::Healthcheck{{"CMD", "curl", "-f", "http://localhost:3000/health"}, 0, 3};
  s.health_log.push_back({7, "curl: (7) Failed to connect to localhost port 3000", ""});
  auto fs = runtime::diagnose(s, log_lines({"Server listening on http://0.0.0.0:8080"}));
  auto f = find_rule(fs, "DD5204");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "listens on 8080")) << f->message;
  EXPECT_TRUE(contains(f->fix, "http://localhost:8080/health")) << f->fix;
  // The probe on the right port: the generic unhealthy finding instead.
  s.healthcheck = runtime::Healthcheck{{"CMD", "curl", "-f", "http://localhost:8080/health"}, 0, 3};
  fs = runtime::diagnose(s, log_lines({"Server listening on http://0.0.0.0:8080"}));
  EXPECT_EQ(find_rule(fs, "DD5204"), nullptr);
  EXPECT_NE(find_rule(fs, "DD5011"), nullptr) << dump(fs);
}

TEST(WriteDeniedNonRoot, VolumeMountGetsFsGroupFix) {
  auto s = exited(1);
  s.user = "node";
  s.mounts.push_back({"/srv/data", "/app/data", "bind", true});
  auto fs = runtime::diagnose(s, log_lines({"Error: EACCES: permission denied, open '/app/data/db.json'"}));
  auto f = find_rule(fs, "DD5206");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->message, "mounted at /app/data from /srv/data")) << f->message;
  EXPECT_TRUE(contains(f->fix, "fsGroup")) << f->fix;
  // As root the same line is a plain permission finding.
  s.user = "";
  fs = runtime::diagnose(s, log_lines({"Error: EACCES: permission denied, open '/app/data/db.json'"}));
  EXPECT_EQ(find_rule(fs, "DD5206"), nullptr);
  EXPECT_NE(find_rule(fs, "DD5102"), nullptr) << dump(fs);
}

TEST(MissingEnv, SetVariableIsNotBlamed) {
  auto s = exited(1);
  s.env = {"DATABASE_URL=postgres://db/app"};
  auto fs = runtime::diagnose(s, log_lines({"KeyError: 'DATABASE_URL'"}));
  EXPECT_EQ(find_rule(fs, "DD5212"), nullptr);
  s.env = {"DATABASE_URL="};
  fs = runtime::diagnose(s, log_lines({"KeyError: 'DATABASE_URL'"}));
  auto f = find_rule(fs, "DD5212");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_TRUE(contains(f->evidence, "sets DATABASE_URL to an empty value")) << f->evidence;
}

TEST(Redaction, SecretEnvValuesNeverAppear) {
  auto s = exited(1);
  s.env = {"API_TOKEN=tok_live_1234567890abcdef", "DB_PASSWORD=hunter2hunter2"};
  auto fs = runtime::diagnose(
      s, log_lines({"Error: environment variable MISSING_ONE is not set (token tok_live_1234567890abcdef)",
                    "FATAL:  password authentication failed for user \"hunter2hunter2\""}));
  ASSERT_FALSE(fs.empty());
  for (const auto& f : fs)
    for (const auto* t : {&f.evidence, &f.message, &f.fix, &f.root_cause, &f.title}) {
      EXPECT_FALSE(contains(*t, "tok_live_1234567890abcdef")) << *t;
      EXPECT_FALSE(contains(*t, "hunter2hunter2")) << *t;
    }
}

TEST(Logs, FindingsFromAFileCarryLineAndColumns) {
  auto s = exited(1);
  Logs l = runtime::parse_log_text("starting\nError: Cannot find module 'express'\n", "app.log");
  auto fs = runtime::diagnose(s, l);
  auto f = find_rule(fs, "DD5105");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->location.file, "app.log");
  EXPECT_EQ(f->location.line, 2);
  EXPECT_EQ(f->location.column, 1);
  EXPECT_EQ(f->location.end_column, 36);
  EXPECT_EQ(find_rule(fs, "DD5002"), nullptr) << "the log names the cause; exit 1 is not repeated";
}

TEST(RestartLoop, RestartCountIsReportedWithThePolicy) {
  auto s = exited(1);
  s.restart_count = 7;
  s.restart_policy = "always";
  auto fs = runtime::diagnose(s, log_lines({"Error: Cannot find module 'express'"}));
  auto f = find_rule(fs, "DD5010");
  ASSERT_NE(f, nullptr) << dump(fs);
  EXPECT_EQ(f->evidence, "RestartCount=7, HostConfig.RestartPolicy.Name=always");
  EXPECT_NE(find_rule(fs, "DD5105"), nullptr) << "the cause of each run is still named";
}

}  // namespace
}  // namespace dd::test
