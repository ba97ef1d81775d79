// One judgement of a start command wherever it is seen: the same `mongod
// --fork`, `gunicorn -D`, `php-fpm -D` or `nginx -g 'daemon on;'` is judged
// exits-immediately by lint (CMD), compose (`command:`), k8s lint
// (`command:`/`args:`), image (the config of a built image) and diagnose (a
// container that ran it), all through knowledge/command.h start_daemonizing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker_images.h"
#include "helpers.h"
#include "knowledge/command.h"
#include "knowledge/image_ref.h"

namespace dd::test {
namespace {

using nlohmann::json;

struct Case {
  std::string name;               // a tag word
  std::vector<std::string> argv;  // the start command
  std::string flag;               // what the findings must name
};

// php-fpm -D on php:8.3-fpm: the image keeps php-fpm in front by default
// (daemonize = no), and the explicit flag still sends it away.
const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {"mongod", {"mongod", "--fork", "--logpath", "/var/log/mongod.log"}, "--fork"},
      {"gunicorn", {"gunicorn", "-D", "app:app"}, "-D"},
      {"phpfpm", {"php-fpm", "-D"}, "-D"},
      {"nginx", {"nginx", "-g", "daemon on;"}, "daemon on"},
  };
  return c;
}

json findings_of(const RunResult& r) {
  auto j = json::parse(r.out, nullptr, false);
  if (j.is_discarded()) return json::array();
  if (j.is_object() && j.contains("findings")) return j["findings"];
  return j.is_array() ? j : json::array();
}

// The findings of `rule`, each checked for the category and the flag.
void expect_judged(const RunResult& r, const std::string& rule, const Case& c, const std::string& domain) {
  ASSERT_TRUE(r.status == 0 || r.status == 1) << domain << ": " << r.err;
  auto fs = findings_of(r);
  const json* hit = nullptr;
  for (const auto& f : fs)
    if (f.value("rule", "") == rule) hit = &f;
  ASSERT_NE(hit, nullptr) << domain << " does not judge `" << c.name << "`: " << fs.dump(1);
  EXPECT_EQ(hit->value("category", ""), "exits-immediately") << domain << ": " << hit->dump();
  EXPECT_EQ(hit->value("severity", ""), "error") << domain << ": " << hit->dump();
  EXPECT_NE(hit->value("message", "").find(c.flag), std::string::npos) << domain << ": " << hit->dump();
}

TEST(StartCommand, TheKnowledgeLayerJudgesEachCaseOnAnyBase) {
  for (const auto& c : cases()) {
    for (const char* image : {"", "debian:12-slim", "php:8.3-fpm"}) {
      kb::ImageRef ref = kb::parse_image(image);
      auto d = kb::start_daemonizing(c.argv, ref.path, ref.tag);
      ASSERT_TRUE(d) << c.name << " on " << image;
      EXPECT_EQ(d->how.flag.find(c.flag), 0u) << d->how.flag;
      // The same words as a shell script, or behind an entrypoint script.
      std::string line;
      for (const auto& w : c.argv) line += (line.empty() ? "" : " ") + (w.find(' ') != std::string::npos ? "'" + w + "'" : w);
      EXPECT_TRUE(kb::start_daemonizing({"sh", "-c", "set -e; " + line}, ref.path, ref.tag)) << line;
      EXPECT_TRUE(kb::start_daemonizing({"/sbin/tini", "--", "/bin/sh", "-c", line}, ref.path, ref.tag)) << line;
      std::vector<std::string> ep = {"docker-entrypoint.sh"};
      ep.insert(ep.end(), c.argv.begin(), c.argv.end());
      EXPECT_TRUE(kb::start_daemonizing(ep, ref.path, ref.tag)) << line;
    }
  }
  // The foreground forms are not judged.
  for (std::vector<std::string> fg : {std::vector<std::string>{"mongod", "--bind_ip_all"}, {"gunicorn", "app:app"},
                                      {"nginx", "-g", "daemon off;"}, {"php-fpm", "-F"}, {"sh", "-c", "exec nginx -g 'daemon off;'"}})
    EXPECT_FALSE(kb::start_daemonizing(fg)) << fg[0];
  kb::ImageRef fpm = kb::parse_image("php:8.3-fpm");
  EXPECT_FALSE(kb::start_daemonizing({"php-fpm"}, fpm.path, fpm.tag)) << "php:*-fpm runs php-fpm in front";
  EXPECT_TRUE(kb::start_daemonizing({"php-fpm"})) << "elsewhere php-fpm daemonizes by default";
  auto bg = kb::start_daemonizing({"sh", "-c", "./server --port 80 &"});
  ASSERT_TRUE(bg);
  EXPECT_TRUE(bg->background);
}

TEST(StartCommand, LintComposeAndK8sLintAgree) {
  for (const auto& c : cases()) {
    json argv = c.argv;
    TempDir d;
    // lint: the CMD of a Dockerfile.
    auto df = d.write("lint/Dockerfile", "FROM debian:12-slim\nCMD " + argv.dump() + "\n");
    expect_judged(drydock({"lint", df.string(), "-f", "json", "--fail-on", "none"}), "DD2010", c, "lint");
    // compose: `command:` as a list, and as a string.
    d.write("compose/compose.yaml", "services:\n  app:\n    image: php:8.3-fpm\n    command: " + argv.dump() + "\n");
    expect_judged(drydock({"scan", (d.path() / "compose").string(), "-f", "json", "--fail-on", "none"}), "DD7008", c,
                  "compose");
    // k8s lint: the program in `command:`, its flags in `args:`.
    json rest(std::vector<std::string>(c.argv.begin() + 1, c.argv.end()));
    auto m = d.write("k8s/deploy.yaml",
                     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n"
                     "      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n    spec:\n"
                     "      containers:\n        - name: app\n          image: php:8.3-fpm\n          command: [" +
                         json(c.argv[0]).dump() + "]\n          args: " + rest.dump() + "\n");
    expect_judged(drydock({"k8s", "lint", m.string(), "-f", "json", "--fail-on", "none"}), "DD6060", c, "k8s lint");
  }
}

TEST(StartCommand, ComposeStringCommandAndForegroundFormsAreNotJudged) {
  TempDir d;
  d.write("compose.yaml",
          "services:\n  db:\n    image: mongo:7\n    command: mongod --fork --logpath /var/log/mongod.log\n"
          "  web:\n    image: nginx:1.27\n    command: [\"nginx\", \"-g\", \"daemon off;\"]\n"
          "  php:\n    image: php:8.3-fpm\n    command: php-fpm\n");
  auto r = drydock({"scan", d.path().string(), "-f", "json", "--fail-on", "none"});
  int n = 0;
  for (const auto& f : findings_of(r))
    if (f.value("rule", "") == "DD7008") {
      ++n;
      EXPECT_NE(f.value("message", "").find("'db'"), std::string::npos) << f.dump();
    }
  EXPECT_EQ(n, 1) << r.out;
}

// A manifest's `sh -c` script in args, the common form: judged and pointed at args.
TEST(StartCommand, K8sShellScriptInArgs) {
  TempDir d;
  auto m = d.write("pod.yaml",
                   "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
                   "      image: nginx:1.27\n      command: [\"/bin/sh\", \"-c\"]\n"
                   "      args: [\"envsubst < /t > /etc/nginx/conf.d/default.conf && nginx -g 'daemon on;'\"]\n"
                   "    - name: ok\n      image: nginx:1.27\n      command: [\"/bin/sh\", \"-c\"]\n"
                   "      args: [\"envsubst < /t > /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'\"]\n");
  auto r = drydock({"k8s", "lint", m.string(), "-f", "json", "--fail-on", "none"});
  int n = 0;
  for (const auto& f : findings_of(r))
    if (f.value("rule", "") == "DD6060") {
      ++n;
      EXPECT_EQ(f["location"].value("field", ""), "spec.containers[0].args") << f.dump();
    }
  EXPECT_EQ(n, 1) << r.out;
}

// The image built with that CMD, and a container that ran it and exited 0.
// Stand-ins do what the real servers do with these flags: fork and let the
// foreground process exit 0.
TEST(StartCommand, ImageConfigAndDiagnoseAgree) {
  if (!engine_available()) GTEST_SKIP() << engine_skip_reason();
  std::string base = busybox_image();
  ASSERT_FALSE(base.empty()) << "could not build the busybox test image";
  TempDir ctx;
  ctx.write("fork.sh", "#!/bin/sh\n# forks into the background: the foreground process exits 0\nexit 0\n");
  std::string df = "FROM " + base + "\n";
  for (const char* p : {"mongod", "gunicorn", "php-fpm", "nginx"}) df += "COPY fork.sh /usr/local/bin/" + std::string(p) + "\n";
  df += "RUN chmod 755 /usr/local/bin/*\n";
  ctx.write("Dockerfile", df);
  const std::string stand_ins = "drydock-test/arch-start:base";
  ASSERT_TRUE(docker_build(ctx.path(), stand_ins));
  for (const auto& c : cases()) {
    TempDir d;
    d.write("Dockerfile", "FROM " + stand_ins + "\nCMD " + json(c.argv).dump() + "\n");
    const std::string tag = "drydock-test/arch-start:" + c.name;
    ASSERT_TRUE(docker_build(d.path(), tag)) << c.name;
    expect_judged(drydock({"image", "docker://" + tag, "-f", "json", "--fail-on", "none"}), "DD4303", c, "image");
    Container ct("arch-start");
    ct.run({tag});
    ASSERT_EQ(ct.wait_exit(60), 0) << ct.logs();
    expect_judged(drydock({"diagnose", ct.name(), "-f", "json", "--fail-on", "none"}), "DD5203", c, "diagnose");
    docker({"rmi", "-f", tag});
  }
  docker({"rmi", "-f", stand_ins});
}

}  // namespace
}  // namespace dd::test
