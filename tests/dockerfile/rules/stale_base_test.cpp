#include "fake_image_store.h"
#include "knowledge/clock.h"
#include "rule_test.h"

namespace dd::test {

TEST(StaleBase, LatestAndNoTag) {
  auto f = only(lint("FROM ubuntu\n"), "DD2070");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.column, 6);
  EXPECT_EQ(count(lint("FROM node:latest\n"), "DD2070"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim\n"), "DD2070"), 0);
  EXPECT_EQ(count(lint("FROM node:20-slim\n"), "DD2071"), 1);
  EXPECT_EQ(count(lint("FROM node:20-slim@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"),
                  "DD2071"),
            0);
}

// The end-of-life verdicts are dated: these tests run on the brief's day.
struct PinnedToday {
  explicit PinnedToday(kb::Date d = {2026, 12, 2}) : before(kb::today()) { kb::Clock::set(d); }
  ~PinnedToday() { kb::Clock::set(before); }
  kb::Date before;
};

TEST(StaleBase, EndOfLifeResolvedThroughArg) {
  PinnedToday today;
  auto f = only(lint("ARG NODE_VERSION=16\nFROM node:${NODE_VERSION}-alpine\n"), "DD2072");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_NE(f[0].message.find("node:16-alpine"), std::string::npos) << f[0].message;
  for (const char* img : {"python:2.7", "python:3.8-slim", "debian:buster", "ubuntu:18.04", "alpine:3.16",
                          "centos:7", "openjdk:11", "golang:1.20", "php:7.4-fpm", "ruby:2.7", "python:3.11-buster"})
    EXPECT_EQ(count(lint(std::string("FROM ") + img + "\n"), "DD2072"), 1) << img;
}

TEST(StaleBase, EndOfLifeFollowsTodaysDate) {
  PinnedToday today;
  auto f = only(lint("FROM node:20-bookworm-slim\n"), "DD2072");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("Node.js 20 reached end of life on 2026-04-30"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].fix, "FROM node:26-bookworm-slim") << "the newest LTS on that day, in the same variant";
  for (const char* img : {"python:3.9", "node:18-alpine", "golang:1.22", "golang:1.23-alpine", "ubuntu:focal"})
    EXPECT_EQ(count(lint(std::string("FROM ") + img + "\n"), "DD2072"), 1) << img;
  // Floating tags follow the newest release: never end-of-life.
  for (const char* img : {"python:3-alpine", "python:3", "node:lts", "alpine", "golang:1-alpine", "python:3.13-slim"})
    EXPECT_EQ(count(lint(std::string("FROM ") + img + "\n"), "DD2072"), 0) << img;
  // The same Dockerfile before Node 20's date.
  kb::Clock::set(kb::Date{2026, 4, 29});
  EXPECT_EQ(count(lint("FROM node:20-bookworm-slim\n"), "DD2072"), 0);
}

TEST(StaleBase, NotForStagesOrScratch) {
  EXPECT_EQ(count(lint("FROM golang:1.23 AS b\nFROM b\nFROM scratch\n"), "DD2070"), 0);
}

}  // namespace dd::test

namespace dd::test {

// A company base whose tag says nothing: with --local-images its
// /etc/os-release and its runtime variables tell whether it is end-of-life.
TEST(StaleBase, LocalBaseImageContentsRevealEndOfLife) {
  PinnedToday today;
  auto store = std::make_shared<FakeImageStore>();
  auto add = [&](const std::string& ref, std::map<std::string, std::string> files, std::vector<std::string> env) {
    auto& i = store->images[ref];
    i.image.id = "sha256:" + ref;
    i.image.platform = {"linux", "amd64", ""};
    i.image.env = std::move(env);
    i.files = std::move(files);
  };
  add("corp/buster:1", {{"/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 10 (buster)\"\nID=debian\nVERSION_ID=\"10\"\n"}}, {});
  add("corp/alpine:1", {{"/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.16.9\n"}}, {});
  add("corp/py38:1", {{"/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"}}, {"PYTHON_VERSION=3.8.18"});
  add("corp/fresh:1", {{"/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"}}, {"NODE_VERSION=22.11.0"});
  const Config cfg = with_store(store);
  auto eol = [&](const std::string& ref, const Config& c) { return only(lint("FROM " + ref + "\n", c), "DD2072"); };

  auto f = eol("corp/buster:1", cfg);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("the local image is debian 10 (its /etc/os-release)"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].fix.find("debian:trixie-slim"), std::string::npos) << f[0].fix;
  EXPECT_TRUE(eol("corp/buster:1", {}).empty()) << "the tag alone says nothing";
  f = eol("corp/alpine:1", cfg);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("alpine 3.16.9"), std::string::npos) << f[0].message;
  f = eol("corp/py38:1", cfg);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("python 3.8.18 (its PYTHON_VERSION)"), std::string::npos) << f[0].message;
  EXPECT_TRUE(eol("corp/fresh:1", cfg).empty());
  // A tag that already tells is reported once, from the tag.
  add("node:16-slim", {{"/etc/os-release", "ID=debian\nVERSION_ID=\"10\"\n"}}, {"NODE_VERSION=16.20.2"});
  f = eol("node:16-slim", cfg);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message.find("the local image"), std::string::npos) << f[0].message;
}

}  // namespace dd::test
