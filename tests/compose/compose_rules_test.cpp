#include <gtest/gtest.h>

#include "compose/compose.h"
#include "core/error.h"
#include "helpers.h"
#include "knowledge/clock.h"

namespace dd::test {
namespace {

std::vector<Finding> lint_compose(const std::string& yaml) {
  TempDir d;
  auto p = d.write("compose.yaml", yaml);
  return compose::lint(compose::load(p, "compose.yaml"), Config{});
}

std::vector<Finding> of(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const auto& f : all)
    if (f.rule == rule) out.push_back(f);
  return out;
}

const char* kFlawed = R"(services:
  api:
    build: .
    image: acme/api
    environment:
      DB_HOST: localhost
      DATABASE_URL: postgres://app:Sup3rS3cretPw@localhost:5432/app
      LOG_LEVEL: info
    depends_on: [db]
    privileged: true
  db:
    image: postgres:latest
    environment:
      - POSTGRES_PASSWORD=Sup3rS3cretPw
)";

const char* kClean = R"(services:
  api:
    image: acme/api:1.4.0
    environment:
      DB_HOST: db
      DB_PASSWORD: ${DB_PASSWORD}
    depends_on:
      db:
        condition: service_healthy
    deploy:
      resources:
        limits:
          memory: 256M
  db:
    image: postgres:16.4-alpine
    mem_limit: 512m
    healthcheck:
      test: ["CMD", "pg_isready"]
)";

TEST(Compose, LoadsServicesWithPositions) {
  TempDir d;
  auto f = compose::load(d.write("compose.yaml", kFlawed));
  ASSERT_EQ(f.services.size(), 2u);
  EXPECT_EQ(f.services[0].name, "api");
  EXPECT_EQ(f.services[0].at.line, 2);
  EXPECT_EQ(f.services[0].build_context, ".");
  EXPECT_EQ(f.services[0].dockerfile, "Dockerfile");
  ASSERT_EQ(f.services[1].env.size(), 1u);
  EXPECT_EQ(f.services[1].env[0].name, "POSTGRES_PASSWORD");
  EXPECT_EQ(f.services[1].env[0].at.line, 14);
}

TEST(Compose, MalformedYamlIsInputError) {
  TempDir d;
  EXPECT_THROW(compose::load(d.write("compose.yaml", "services: [\n")), InputError);
}

// fuzz_k8s_manifest found a stream on which yaml-cpp 0.7's parser stops
// advancing (LoadAll then loops forever, allocating). Compose files go through
// the same guarded loader: refused as malformed, with the file and line.
TEST(Compose, YamlCppEndlessDocumentsAreMalformedInput) {
  std::string loop = std::string(DRYDOCK_SOURCE_DIR) + "/tests/k8s/yaml-cpp-loop.yaml.txt";
  try {
    compose::load(loop, "compose.yaml");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_EQ(m.rfind(loop + ":2:", 0), 0u) << m;
    EXPECT_NE(m.find("malformed YAML"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
}

TEST(Compose, NoMemoryLimit) {
  auto f = of(lint_compose(kFlawed), "DD7001");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].category, Category::oom_killed);
  EXPECT_NE(f[0].fix.find("memory:"), std::string::npos);
  EXPECT_TRUE(of(lint_compose(kClean), "DD7001").empty());
}

TEST(Compose, LocalhostNamesTheRealService) {
  auto f = of(lint_compose(kFlawed), "DD7002");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].location.line, 6);
  EXPECT_EQ(f[0].location.column, 7);
  EXPECT_NE(f[0].message.find("'db' service"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].category, Category::network_unreachable);
  EXPECT_TRUE(of(lint_compose(kClean), "DD7002").empty());
}

TEST(Compose, SecretsAreReportedRedacted) {
  auto all = lint_compose(kFlawed);
  auto f = of(all, "DD7003");
  ASSERT_EQ(f.size(), 2u);
  for (const auto& x : all) {
    EXPECT_EQ(x.evidence.find("Sup3rS3cretPw"), std::string::npos) << x.rule << ": " << x.evidence;
    EXPECT_EQ(x.message.find("Sup3rS3cretPw"), std::string::npos) << x.rule;
  }
  EXPECT_NE(f[0].evidence.find("postgres://app:"), std::string::npos) << f[0].evidence;
  EXPECT_TRUE(of(lint_compose(kClean), "DD7003").empty()) << "${VAR} interpolation is not a secret";
}

TEST(Compose, UnpinnedImages) {
  auto f = of(lint_compose(kFlawed), "DD7004");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].evidence, "image: acme/api");
  EXPECT_EQ(f[1].evidence, "image: postgres:latest");
  EXPECT_TRUE(of(lint_compose(kClean), "DD7004").empty());
}

TEST(Compose, UnpinnedImagesReadTheReferenceAsTheEngineDoes) {
  auto f = of(lint_compose("services:\n  a:\n    image: localhost:5000/team/app\n  b:\n    image: "
                           "registry.example.com:5000/team/app:1.2\n  c:\n    image: docker.io/library/redis:latest\n"
                           "  d:\n    image: redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
                           "  e:\n    image: ${REGISTRY}/app\n  f:\n    image: $REGISTRY/app\n"),
              "DD7004");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].evidence, "image: localhost:5000/team/app") << "a registry port is not a tag";
  EXPECT_EQ(f[0].fix, "image: localhost:5000/team/app:<version>@sha256:<digest>");
  EXPECT_EQ(f[1].evidence, "image: docker.io/library/redis:latest");
  EXPECT_EQ(f[1].fix, "image: docker.io/library/redis:<version>@sha256:<digest>");
}

// The same end-of-life verdict as FROM node:16 (DD2072), dated.
TEST(Compose, EndOfLifeImage) {
  kb::Clock::set(kb::Date{2026, 12, 2});
  auto f = of(lint_compose("services:\n  web:\n    image: node:16\n  api:\n    image: python:3.9-slim\n"
                           "  cache:\n    image: python:3-alpine\n  db:\n    image: postgres:17\n"
                           "  mq:\n    image: node:lts\n"),
              "DD7007");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].message, "service 'web' runs image node:16: Node.js 16 reached end of life on 2023-09-11");
  EXPECT_EQ(f[0].fix, "image: node:26");
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[1].fix, "image: python:3.14-slim");
  EXPECT_EQ(f[1].category, Category::stale_image);
  // Before Python 3.9's date, only node:16.
  kb::Clock::set(kb::Date{2025, 10, 30});
  EXPECT_EQ(of(lint_compose("services:\n  web:\n    image: node:16\n  api:\n    image: python:3.9-slim\n"),
               "DD7007").size(),
            1u);
  kb::Clock::set(std::nullopt);
  EXPECT_TRUE(of(lint_compose(kClean), "DD7007").empty());
}

TEST(Compose, Privileged) {
  auto f = of(lint_compose(kFlawed), "DD7005");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 10);
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(Compose, DependencyWithoutHealthcheck) {
  auto f = of(lint_compose(kFlawed), "DD7006");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.resource, "service/db");
  EXPECT_NE(f[0].fix.find("service_healthy"), std::string::npos);
  EXPECT_TRUE(of(lint_compose(kClean), "DD7006").empty());
}

}  // namespace
}  // namespace dd::test
