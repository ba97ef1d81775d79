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

TEST(StaleBase, EndOfLifeResolvedThroughArg) {
  auto f = only(lint("ARG NODE_VERSION=16\nFROM node:${NODE_VERSION}-alpine\n"), "DD2072");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 2);
  EXPECT_NE(f[0].message.find("node:16-alpine"), std::string::npos) << f[0].message;
  for (const char* img : {"python:2.7", "python:3.8-slim", "debian:buster", "ubuntu:18.04", "alpine:3.16",
                          "centos:7", "openjdk:11", "golang:1.20", "php:7.4-fpm", "ruby:2.7", "python:3.11-buster"})
    EXPECT_EQ(count(lint(std::string("FROM ") + img + "\n"), "DD2072"), 1) << img;
}

TEST(StaleBase, NotForStagesOrScratch) {
  EXPECT_EQ(count(lint("FROM golang:1.23 AS b\nFROM b\nFROM scratch\n"), "DD2070"), 0);
}

}  // namespace dd::test
