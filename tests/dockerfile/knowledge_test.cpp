#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"

#include <gtest/gtest.h>

namespace dd::kb {
namespace {

TEST(Knowledge, ParseImage) {
  auto r = parse_image("docker.io/library/node:20-alpine@sha256:abc");
  EXPECT_EQ(r.registry, "");  // Docker Hub, however it is written
  EXPECT_EQ(r.canonical(), "docker.io/library/node:20-alpine@sha256:abc");
  EXPECT_EQ(r.path, "node");
  EXPECT_EQ(r.tag, "20-alpine");
  EXPECT_EQ(r.digest, "sha256:abc");
  r = parse_image("localhost:5000/team/app");
  EXPECT_EQ(r.registry, "localhost:5000");
  EXPECT_EQ(r.path, "team/app");
  EXPECT_EQ(r.name, "app");
  EXPECT_EQ(r.tag, "");
  r = parse_image("gcr.io/distroless/nodejs20-debian12:nonroot");
  EXPECT_EQ(r.path, "distroless/nodejs20-debian12");
  EXPECT_EQ(r.tag, "nonroot");
}

// The package-manager table is walked in tests/knowledge/packages_test.cpp.

TEST(Knowledge, BuildPackages) {
  for (auto p : {"gcc", "g++", "build-essential", "libpq-dev", "openssl-devel", "python3-dev", "make=4.3-4.1",
                 "gcc-8.5.0", "linux-headers", "openjdk-17-jdk", "git"})
    EXPECT_TRUE(is_build_package(p)) << p;
  for (auto p : {"curl", "ca-certificates", "libpq5", "tini", "--no-install-recommends", "python3", "openjdk-17-jre"})
    EXPECT_FALSE(is_build_package(p)) << p;
}

TEST(Knowledge, EveryDaemonRowHasAFix) {
  for (const auto& d : daemons()) {
    EXPECT_FALSE(d.fix.empty()) << d.program;
    EXPECT_TRUE(d.by_default || !d.background.empty()) << d.program;
    EXPECT_EQ(daemon(d.program), &d);
  }
  const Daemon* n = daemon("nginx");
  EXPECT_TRUE(daemon_backgrounds(*n, {"nginx"}, 0));
  EXPECT_FALSE(daemon_backgrounds(*n, {"nginx", "-g", "daemon off;"}, 0));
  const Daemon* r = daemon("redis-server");
  EXPECT_FALSE(daemon_backgrounds(*r, {"redis-server"}, 0));
  EXPECT_TRUE(daemon_backgrounds(*r, {"redis-server", "--daemonize", "yes"}, 0));
  EXPECT_TRUE(daemon_backgrounds(*daemon("php-fpm8.2"), {"php-fpm8.2"}, 0));
  EXPECT_FALSE(daemon_backgrounds(*daemon("php-fpm"), {"php-fpm", "-F"}, 0));
}

TEST(Knowledge, ServerAndOneShotCommands) {
  EXPECT_TRUE(is_server_command({"node", "server.js"}));
  EXPECT_TRUE(is_server_command({"npm", "start"}));
  EXPECT_TRUE(is_server_command({"gunicorn", "app:app"}));
  EXPECT_TRUE(is_server_command({"python", "-m", "http.server"}));
  EXPECT_TRUE(is_server_command({"tini", "--", "java", "-jar", "app.jar"}));
  EXPECT_FALSE(is_server_command({"npm", "run", "build"}));
  EXPECT_TRUE(is_one_shot_command({"echo", "hello"}));
  EXPECT_TRUE(is_one_shot_command({"bash"}));
  EXPECT_TRUE(is_one_shot_command({"npm", "run", "build"}));
  EXPECT_TRUE(is_one_shot_command({"python", "setup.py", "install"}));
  EXPECT_FALSE(is_one_shot_command({"bash", "start.sh"}));
  EXPECT_FALSE(is_one_shot_command({"sleep", "infinity"}));
  EXPECT_EQ(real_program({"gosu", "app", "node", "x.js"}), 2u);
  EXPECT_EQ(real_program({"env", "A=1", "node"}), 2u);
}

}  // namespace
}  // namespace dd::kb
