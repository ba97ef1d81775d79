#include "knowledge/eol.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "knowledge/images.h"

namespace dd::kb {
namespace {

const Date kToday{2026, 12, 2};

Date day_before(Date d) {
  if (d.day > 1) return {d.year, d.month, d.day - 1};
  if (d.month > 1) return {d.year, d.month - 1, 28};
  return {d.year - 1, 12, 31};
}

bool eol(const std::string& ref, Date today = kToday) { return eol_verdict(parse_image(ref), today).has_value(); }

TEST(Clock, ParsesDatesAndRejectsTheRest) {
  EXPECT_EQ(Date::parse("2024-10-07"), (Date{2024, 10, 7}));
  EXPECT_EQ(Date::parse("2024-10"), (Date{2024, 10, 1}));
  EXPECT_EQ(Date::parse("2024-02-29"), (Date{2024, 2, 29}));
  for (const char* bad : {"", "2024", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-10-07", "2024/10/07",
                          "2024-10-07x", "2024-04-31"})
    EXPECT_FALSE(Date::parse(bad)) << bad;
  EXPECT_EQ((Date{2024, 10, 7}).str(), "2024-10-07");
  EXPECT_LT((Date{2024, 10, 7}), (Date{2024, 11, 1}));
}

TEST(Clock, TodayComesFromTheTestThenTheEnvironmentThenTheSystem) {
  Clock::set(Date{2030, 1, 2});
  EXPECT_EQ(today(), (Date{2030, 1, 2}));
  Clock::set(std::nullopt);
  ::setenv("DRYDOCK_TODAY", "2021-06-15", 1);
  EXPECT_EQ(today(), (Date{2021, 6, 15}));
  ::setenv("DRYDOCK_TODAY", "not-a-date", 1);
  Date sys = today();
  EXPECT_GE(sys, (Date{2025, 1, 1})) << "an invalid DRYDOCK_TODAY falls back to the system clock";
  ::unsetenv("DRYDOCK_TODAY");
  EXPECT_EQ(today(), sys);
}

// Every row: supported the day before its date, end-of-life on it, by its
// own version, a patch release of it, and (for distributions) its code name.
TEST(Eol, EveryRowTurnsOnItsDate) {
  std::set<std::string> families;
  for (const auto& f : eol_families()) families.insert(std::string(f.image));
  for (const auto& r : eol_releases()) {
    SCOPED_TRACE(std::string(r.image) + ":" + std::string(r.release));
    EXPECT_TRUE(families.count(std::string(r.image))) << "every row belongs to a family";
    auto date = Date::parse(r.eol);
    ASSERT_TRUE(date) << r.eol;
    std::string tag = r.release == "*" ? "anything" : std::string(r.release);
    auto v = eol_verdict(parse_image(std::string(r.image) + ":" + tag), *date);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->release, &r);
    EXPECT_EQ(v->eol, *date);
    EXPECT_NE(v->why.find(date->str().substr(0, 7)), std::string::npos) << v->why;
    EXPECT_FALSE(eol_verdict(parse_image(std::string(r.image) + ":" + tag), day_before(*date)));
    if (r.release != "*") {
      auto patch = eol_verdict(parse_image(std::string(r.image) + ":" + tag + ".3-slim"), *date);
      ASSERT_TRUE(patch);
      EXPECT_EQ(patch->release, &r);
      auto by_version = eol_verdict(r.image, std::string(r.release) + ".1", *date);
      ASSERT_TRUE(by_version);
      EXPECT_EQ(by_version->release, &r);
    }
    if (!r.codename.empty()) {
      EXPECT_TRUE(eol_verdict(parse_image(std::string(r.image) + ":" + std::string(r.codename)), *date));
      EXPECT_FALSE(eol_verdict(parse_image(std::string(r.image) + ":" + std::string(r.codename)), day_before(*date)));
      // A code name inside another image's tag.
      EXPECT_TRUE(eol_verdict(parse_image("python:3.13-slim-" + std::string(r.codename)), *date));
    }
  }
}

TEST(Eol, TodaysVerdicts) {
  // Ended by 2026-12-02.
  for (const char* ref : {"python:3.9", "python:3.9.18-slim-bookworm", "python:3.10-alpine", "node:18", "node:20",
                          "node:20-bookworm-slim", "node:16-alpine", "golang:1.22", "golang:1.23-alpine", "golang:1.25",
                          "ubuntu:20.04", "ubuntu:focal", "debian:buster-slim", "debian:bullseye", "debian:11",
                          "alpine:3.21", "python:3.12-alpine3.16", "centos", "centos:7", "openjdk:17", "php:8.1-fpm",
                          "ruby:3.2", "postgres:14", "mysql:8.0", "mysql:5.7", "python:2", "python:2.7", "postgres:9",
                          "python:3.3", "node:9", "ubuntu:13.10", "eclipse-temurin:17-focal", "ubuntu:25.04",
                          "docker.io/library/node:16", "registry.example.com/mirror/python:3.11-buster", "golang:1.24",
                          "node:25", "ubuntu:25.10", "mongo:6.0", "mongo:4", "mongo:3.6-xenial", "redis:5",
                          "redis:4.0-alpine", "eclipse-temurin:24-jre", "eclipse-temurin:26"})
    EXPECT_TRUE(eol(ref)) << ref;
  // Supported, floating, or not known to have ended.
  for (const char* ref : {"python:3", "python:3-alpine", "python:3-slim-bookworm", "python:3.11", "python:3.15",
                          "node:lts", "node:lts-alpine", "node:22", "node:24-slim", "node", "latest", "alpine",
                          "alpine:3", "alpine:3.22", "alpine:edge", "golang:1", "golang:1.26", "golang:1.27-alpine",
                          "ubuntu:22.04", "ubuntu:24.04", "ubuntu:noble", "debian:bookworm", "debian:12-slim",
                          "debian:trixie", "mysql:8", "mysql:8.4", "mysql:9", "eclipse-temurin:21-jre",
                          "eclipse-temurin:17", "eclipse-temurin:8", "openjdk:26-ea-jdk", "php:8.3-apache", "php:8",
                          "nginx:stable", "nginx:1", "nginx:mainline-alpine", "postgres:16", "ruby:3.4-slim",
                          "bitnami/python:3.11", "ghcr.io/acme/app:1.2.3", "redis:7", "ubuntu:26.04", "redis:6.2",
                          "mongo:7", "mongo:8.0", "mongo:8", "eclipse-temurin:11", "eclipse-temurin:25-jre-alpine",
                          "node:26-slim", "ubuntu:jammy", "ruby:4.0-slim"})
    EXPECT_FALSE(eol(ref)) << ref;
}

TEST(Eol, FloatingTagsAreNeverEndOfLife) {
  // python:3-alpine follows the newest Python 3 whatever the date.
  for (Date d : {Date{2019, 1, 1}, kToday, Date{2031, 1, 1}}) {
    EXPECT_FALSE(eol("python:3-alpine", d)) << d.str();
    EXPECT_FALSE(eol("node:lts", d)) << d.str();
    EXPECT_FALSE(eol("alpine", d)) << d.str();
  }
  // A line that ended when a newer one exists: python:2.
  EXPECT_TRUE(eol("python:2-slim", Date{2020, 1, 1}));
  EXPECT_FALSE(eol("python:2-slim", Date{2019, 12, 31}));
}

TEST(Eol, VerdictNamesTheReleaseItsDateAndAnUpgrade) {
  auto v = eol_verdict(parse_image("python:3.8-slim-buster"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->product, "Python 3.8");
  EXPECT_EQ(v->why, "Python 3.8 reached end of life on 2024-10-07");
  EXPECT_EQ(v->upgrade, "python:3.14-slim-trixie");
  v = eol_verdict(parse_image("python:3.11-buster"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->product, "Debian 10 (buster)");
  EXPECT_EQ(v->upgrade, "python:3.11-trixie");
  v = eol_verdict(parse_image("python:3.12-alpine3.16"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->upgrade, "python:3.12-alpine3.23");
  v = eol_verdict(parse_image("node:16"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->why, "Node.js 16 reached end of life on 2023-09-11");
  EXPECT_EQ(v->upgrade, "node:26") << "the newest LTS, not the short-lived odd release";
  // Judged by a neighbour row: the message names the version as written.
  v = eol_verdict(parse_image("nginx:1.13-alpine"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->why, "nginx 1.13 is older than nginx 1.16, which reached end of life on 2020-04-21");
  v = eol_verdict(parse_image("python:2-slim"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->why, "every Python 2.x release has reached end of life (the last, Python 2.7, on 2020-01-01)");
  v = eol_verdict(parse_image("python:3.12-alpine3.5"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->product, "Alpine 3.5");
  v = eol_verdict("debian", "10", kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->upgrade, "debian:trixie-slim");
  v = eol_verdict(parse_image("centos:7"), kToday);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->upgrade, "rockylinux:9-minimal") << "one pasteable reference; AlmaLinux is named in the text";
  EXPECT_NE(v->why.find("AlmaLinux"), std::string::npos) << v->why;
  // The upgrade itself is supported on that day.
  for (const auto& f : eol_families()) {
    std::string up = eol_upgrade(f.image, kToday);
    ASSERT_FALSE(up.empty()) << f.image;
    if (up.find(' ') == std::string::npos) {
      EXPECT_FALSE(eol(up)) << up;
    }
  }
}

// Every family names where its dates come from and when they were compared;
// a projected date that has passed by then must have been replaced.
TEST(Eol, EveryFamilyNamesItsSourceAndEstimatesLieAhead) {
  for (const auto& f : eol_families()) {
    EXPECT_FALSE(f.source.empty()) << f.image;
    EXPECT_TRUE(Date::parse(f.checked)) << f.image << " " << f.checked;
    EXPECT_EQ(f.upgrade.find(' '), std::string_view::npos) << "an upgrade is one image reference: " << f.upgrade;
  }
  for (const auto& r : eol_releases()) {
    if (!r.estimated) continue;
    const EolFamily* fam = nullptr;
    for (const auto& f : eol_families())
      if (f.image == r.image) fam = &f;
    ASSERT_TRUE(fam) << r.image;
    EXPECT_GT(*Date::parse(r.eol), *Date::parse(fam->checked))
        << r.image << ":" << r.release << " is estimated, but its day had passed when the family was checked";
  }
  EXPECT_EQ(eol_newest("golang", kToday), "1.27");
  EXPECT_EQ(eol_newest("ubuntu", kToday), "26.04");
  EXPECT_EQ(eol_newest("nosuchimage", kToday), "");
}

// The dates checked against their published sources (session 20).
TEST(Eol, PublishedDates) {
  struct Row {
    const char *image, *release, *eol;
  } rows[] = {
      {"golang", "1.24", "2026-02-11"}, {"golang", "1.25", "2026-08-19"}, {"node", "25", "2026-06-01"},
      {"ubuntu", "22.04", "2027-04-01"}, {"ubuntu", "25.04", "2026-01-15"}, {"mongo", "7.0", "2027-08-31"},
      {"mongo", "8.0", "2029-10-31"},   {"eclipse-temurin", "21", "2029-12-31"}, {"eclipse-temurin", "17", "2027-10-31"},
  };
  for (const auto& row : rows) {
    bool found = false;
    for (const auto& r : eol_releases())
      if (r.image == row.image && r.release == row.release) {
        found = true;
        EXPECT_EQ(r.eol, row.eol) << row.image << ":" << row.release;
      }
    EXPECT_TRUE(found) << row.image << ":" << row.release;
  }
}

TEST(Eol, TheSameRowOnBothSidesOfItsDate) {
  // Node 20: supported in April 2026, ended in May; Go 1.23 when 1.25 shipped.
  EXPECT_FALSE(eol("node:20-alpine", Date{2026, 4, 29}));
  EXPECT_TRUE(eol("node:20-alpine", Date{2026, 4, 30}));
  EXPECT_FALSE(eol("golang:1.23", Date{2025, 8, 11}));
  EXPECT_TRUE(eol("golang:1.23", Date{2025, 8, 12}));
  EXPECT_FALSE(eol("ubuntu:focal", Date{2025, 5, 30}));
  EXPECT_TRUE(eol("ubuntu:focal", Date{2025, 5, 31}));
}

TEST(Images, EveryRuntimeHasASmallerVariant) {
  for (const auto& r : runtimes()) {
    EXPECT_TRUE(!r.slim.empty() || !r.alpine.empty() || !r.distroless.empty()) << r.image;
    EXPECT_EQ(runtime(r.image), &r);
  }
  EXPECT_TRUE(is_small_tag("20-bookworm-slim"));
  EXPECT_TRUE(is_small_tag("3.12-alpine3.20"));
  EXPECT_FALSE(is_small_tag("20-bookworm"));
}

// Every row of the image-users table: its image finds it (first match, a
// prefix row covering the images under it), its user is known, an image that
// runs as its user needs no fix, and {tag} fixes keep the child's tag.
TEST(Images, EveryImageUserRow) {
  for (const auto& row : image_users()) {
    std::string path(row.image);
    if (path.ends_with('/')) path += "app";
    std::string tag = row.tag_has.empty() ? std::string("1.2") : "1.2-" + std::string(row.tag_has);
    SCOPED_TRACE(path + ":" + tag);
    ImageRef ref = parse_image(path + ":" + tag);
    const ImageUser* found = image_user(ref);
    ASSERT_TRUE(found);
    EXPECT_EQ(found, &row) << "an earlier row shadows this one";
    EXPECT_FALSE(row.user.empty());
    EXPECT_TRUE(image_has_user(ref, row.user));
    if (row.runs == ImageRuns::as_user) EXPECT_TRUE(row.fix.empty()) << "it already runs as " << row.user;
    if (row.runs != ImageRuns::as_user && row.runs != ImageRuns::root) EXPECT_FALSE(row.fix.empty()) << "info needs a way out";
    std::string fix = image_user_fix(row, parse_image(path + ":27-" + (row.tag_has.empty() ? std::string("alpine") : std::string(row.tag_has))));
    if (row.fix.find("{tag}") != std::string_view::npos) EXPECT_NE(fix.find(":27-"), std::string::npos) << fix;
    EXPECT_EQ(fix.find('{'), std::string::npos) << fix;
  }
  EXPECT_EQ(image_user(parse_image("registry.example.com/acme/app:1")), nullptr);
  EXPECT_EQ(image_user(parse_image("nginx:1.27-alpine"))->runs, ImageRuns::workers_as_user);
  EXPECT_EQ(image_user(parse_image("php:8.3-fpm-alpine"))->fix, "USER www-data");
  EXPECT_EQ(image_user_fix(*image_user(parse_image("docker:test-dind")), parse_image("docker:test-dind")), "")
      << "no rootless variant of a locally built tag";
  EXPECT_EQ(image_user_fix(*image_user(parse_image("docker:dind")), parse_image("docker:dind")), "FROM docker:dind-rootless");
}

TEST(Images, RuntimeOfImageAndProgram) {
  struct Row {
    const char* image;
    const char* program;
    RuntimeKind kind;
  } rows[] = {
      {"eclipse-temurin:21-jre", "", RuntimeKind::jvm},  {"busybox", "/usr/bin/java", RuntimeKind::jvm},
      {"tomcat:10", "", RuntimeKind::jvm},               {"bitnami/kafka:3", "", RuntimeKind::jvm},
      {"node:22-slim", "", RuntimeKind::node},           {"busybox", "npm", RuntimeKind::node},
      {"nginx:1.27-alpine", "", RuntimeKind::nginx},     {"python:3.12", "", RuntimeKind::python},
      {"busybox", "python3.12", RuntimeKind::python},    {"busybox", "gunicorn", RuntimeKind::python},
      {"redis:7", "redis-server", RuntimeKind::unknown}, {"ghcr.io/acme/nodeapp:1", "", RuntimeKind::unknown},
  };
  for (const auto& r : rows) EXPECT_EQ(runtime_kind(parse_image(r.image), r.program), r.kind) << r.image << " " << r.program;
}

}  // namespace
}  // namespace dd::kb

namespace dd::kb {
namespace {

// Every row of the Alpine-based table: its image, with a tag that says
// nothing of Alpine (docker:test-dind, traefik:v3.2), is Alpine-based; its
// Windows tags, another registry's copy and a Debian-based image are not.
TEST(Images, EveryAlpineBasedRow) {
  ASSERT_FALSE(alpine_based_images().empty());
  for (std::string_view image : alpine_based_images()) {
    SCOPED_TRACE(std::string(image));
    EXPECT_TRUE(alpine_based_image(parse_image(std::string(image) + ":test-dind")));
    EXPECT_TRUE(alpine_based_image(parse_image(std::string(image))));
    EXPECT_FALSE(alpine_based_image(parse_image(std::string(image) + ":windowsservercore-ltsc2022")));
    EXPECT_FALSE(alpine_based_image(parse_image("quay.io/" + std::string(image) + ":1")));
  }
  EXPECT_FALSE(alpine_based_image(parse_image("node:20")));
  EXPECT_FALSE(alpine_based_image(parse_image("myorg/docker:1")));
}

}  // namespace
}  // namespace dd::kb
