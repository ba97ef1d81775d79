// hadolint parity: every rule that carries a hadolint DL id, judged on the
// examples hadolint documents for it (its wiki page's bad and good
// Dockerfiles, written out here as small Dockerfiles of our own), plus
// drydock's own cases where it deliberately differs (each one has a
// "Difference from hadolint" section on the rule's docs page).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/registry.h"
#include "dockerfile/rules/rule_test.h"

namespace dd::test {
namespace {

struct Case {
  const char* dl;          // the hadolint id
  const char* dockerfile;  // the Dockerfile text
  bool fires;              // does the rule that carries `dl` report it?
  const char* note = "";   // hadolint's own verdict when drydock differs ("hadolint: fires")
};

Config schema_config() {
  Config c;
  c.label_schema = {{"maintainer", "text"},  {"homepage", "url"},   {"created", "rfc3339"}, {"license", "spdx"},
                    {"revision", "hash"},    {"version", "semver"}, {"author", "email"}};
  return c;
}

// Labels that satisfy the schema above, so only the label under test is wrong.
const std::string kLabels =
    "LABEL maintainer=\"Ops\" homepage=\"https://example.com\" created=\"2024-01-01T00:00:00Z\" license=\"MIT\" "
    "revision=\"0123456789abcdef0123456789abcdef01234567\" version=\"1.2.3\" author=\"ops@example.com\"\n";

const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {"DL1001", "# hadolint ignore=DL3006\nFROM ubuntu\n", true},
      {"DL1001", "FROM ubuntu:24.04\n", false},
      {"DL3000", "FROM busybox:1.36\nWORKDIR usr/src/app\n", true},
      {"DL3000", "FROM busybox:1.36\nWORKDIR /usr/src/app\n", false},
      {"DL3001", "FROM busybox:1.36\nRUN top\n", true},
      {"DL3001", "FROM busybox:1.36\nRUN echo hello\n", false},
      {"DL3002", "FROM busybox:1.36\nUSER root\n", true},
      {"DL3002", "FROM busybox:1.36\nUSER root\nRUN echo x\nUSER 1000\n", false},
      // hadolint: fires on any cd; drydock: only a cd into a folder the stage keeps working in (DD1102's page).
      {"DL3003", "FROM alpine/git:2.45.2\nRUN cd /usr/src/app && git clone https://example.com/repo.git\n", false,
       "hadolint: fires"},
      {"DL3003",
       "FROM alpine/git:2.45.2\nRUN cd /usr/src/app && git clone https://example.com/repo.git\nCOPY . /usr/src/app/\n",
       true},
      {"DL3003", "FROM alpine/git:2.45.2\nWORKDIR /usr/src/app\nRUN git clone https://example.com/repo.git\n", false},
      {"DL3004", "FROM debian:12\nRUN sudo apt-get install -y --no-install-recommends curl=7.88.1\n", true},
      {"DL3004", "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1\n", false},
      {"DL3006", "FROM debian\n", true},
      {"DL3006", "FROM debian:12\n", false},
      {"DL3007", "FROM debian:latest\n", true},
      {"DL3007", "FROM debian:12\n", false},
      {"DL3008", "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3\n", true},
      {"DL3008", "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3=3.11.2-1\n", false},
      {"DL3009", "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends python3=3.11.2-1\n", true},
      {"DL3009",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends python3=3.11.2-1 \\\n"
       " && apt-get clean && rm -rf /var/lib/apt/lists/*\n",
       false},
      {"DL3010", "FROM debian:12\nCOPY rootfs.tar.xz /tmp/\nRUN tar -xJf /tmp/rootfs.tar.xz -C /\n", true},
      {"DL3010", "FROM debian:12\nADD rootfs.tar.xz /\n", false},
      {"DL3011", "FROM busybox:1.36\nEXPOSE 80000\n", true},
      {"DL3011", "FROM busybox:1.36\nEXPOSE 8080\n", false},
      {"DL3012", "FROM busybox:1.36\nHEALTHCHECK CMD /bin/true\nHEALTHCHECK CMD /bin/false\n", true},
      {"DL3012", "FROM busybox:1.36\nHEALTHCHECK CMD /bin/true\n", false},
      {"DL3013", "FROM python:3.12-slim\nRUN pip install --no-cache-dir django\n", true},
      {"DL3013", "FROM python:3.12-slim\nRUN pip install --no-cache-dir django==4.2\n", false},
      {"DL3014", "FROM debian:12\nRUN apt-get install --no-install-recommends python3=3.11.2-1\n", true},
      {"DL3014", "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3=3.11.2-1\n", false},
      {"DL3015", "FROM debian:12\nRUN apt-get install -y python3=3.11.2-1 && rm -rf /var/lib/apt/lists/*\n", true},
      {"DL3015",
       "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3=3.11.2-1 && rm -rf /var/lib/apt/lists/*\n",
       false},
      {"DL3016", "FROM node:20-slim\nRUN npm install -g express\n", true},
      {"DL3016", "FROM node:20-slim\nRUN npm install -g express@4.1.1\n", false},
      {"DL3018", "FROM alpine:3.20\nRUN apk add --no-cache python3\n", true},
      {"DL3018", "FROM alpine:3.20\nRUN apk add --no-cache python3=3.12.3-r1\n", false},
      {"DL3019", "FROM alpine:3.20\nRUN apk update && apk add python3=3.12.3-r1\n", true},
      {"DL3019", "FROM alpine:3.20\nRUN apk add --no-cache python3=3.12.3-r1\n", false},
      {"DL3020", "FROM busybox:1.36\nADD requirements.txt /usr/src/app/\n", true},
      {"DL3020", "FROM busybox:1.36\nCOPY requirements.txt /usr/src/app/\n", false},
      {"DL3021", "FROM node:20-slim\nCOPY package.json yarn.lock /app\n", true},
      {"DL3021", "FROM node:20-slim\nCOPY package.json yarn.lock /app/\n", false},
      {"DL3022", "FROM debian:12\nCOPY --from=build /out/app /usr/local/bin/\n", true},
      {"DL3022", "FROM debian:12 AS build\nRUN echo x > /out\nFROM debian:12\nCOPY --from=build /out /out\n", false},
      {"DL3023", "FROM debian:12 AS build\nCOPY --from=build /out /out\n", true},
      {"DL3023", "FROM debian:12 AS build\nRUN echo x > /out\nFROM debian:12\nCOPY --from=build /out /out\n", false},
      {"DL3024", "FROM debian:12 AS build\nRUN echo a\nFROM debian:12 AS build\nRUN echo b\n", true},
      {"DL3024", "FROM debian:12 AS build\nRUN echo a\nFROM debian:12 AS test\nRUN echo b\n", false},
      {"DL3025", "FROM busybox:1.36\nCMD my-service server\n", true},
      {"DL3025", "FROM busybox:1.36\nCMD [\"my-service\", \"server\"]\n", false},
      {"DL3027", "FROM debian:12\nRUN apt install -y --no-install-recommends python3=3.11.2-1\n", true},
      {"DL3027", "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3=3.11.2-1\n", false},
      {"DL3028", "FROM ruby:3.3-slim\nRUN gem install bundler\n", true},
      {"DL3028", "FROM ruby:3.3-slim\nRUN gem install bundler:2.0.2\n", false},
      {"DL3029", "FROM --platform=linux/amd64 debian:12\n", true},
      {"DL3029", "FROM debian:12\n", false},
      {"DL3030", "FROM centos:7\nRUN yum install httpd-2.4.24 && yum clean all\n", true},
      {"DL3030", "FROM centos:7\nRUN yum install -y httpd-2.4.24 && yum clean all\n", false},
      {"DL3032", "FROM centos:7\nRUN yum install -y httpd-2.4.24\n", true},
      {"DL3032", "FROM centos:7\nRUN yum install -y httpd-2.4.24 && yum clean all\n", false},
      {"DL3033", "FROM centos:7\nRUN yum install -y httpd && yum clean all\n", true},
      {"DL3033", "FROM centos:7\nRUN yum install -y httpd-2.4.24 && yum clean all\n", false},
      {"DL3034", "FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.46 && zypper clean\n", true},
      {"DL3034", "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.46 && zypper clean\n", false},
      {"DL3035", "FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y\n", true},
      {"DL3035", "FROM opensuse/leap:15.6\nRUN zypper patch -y && zypper clean\n", false},
      {"DL3036", "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.46\n", true},
      {"DL3036", "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.46 && zypper clean\n", false},
      {"DL3037", "FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean\n", true},
      {"DL3037", "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.46 && zypper clean\n", false},
      {"DL3038", "FROM fedora:40\nRUN dnf install httpd-2.4.46 && dnf clean all\n", true},
      {"DL3038", "FROM fedora:40\nRUN dnf install -y httpd-2.4.46 && dnf clean all\n", false},
      {"DL3040", "FROM fedora:40\nRUN dnf install -y httpd-2.4.46\n", true},
      {"DL3040", "FROM fedora:40\nRUN dnf install -y httpd-2.4.46 && dnf clean all\n", false},
      {"DL3041", "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n", true},
      {"DL3041", "FROM fedora:40\nRUN dnf install -y httpd-2.4.46 && dnf clean all\n", false},
      {"DL3042", "FROM python:3.12-slim\nRUN pip install django==4.2\n", true},
      {"DL3042", "FROM python:3.12-slim\nRUN pip install --no-cache-dir django==4.2\n", false},
      {"DL3042", "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install django==4.2\n", false},
      {"DL3043", "FROM debian:12\nONBUILD FROM debian:12\n", true},
      {"DL3043", "FROM debian:12\nONBUILD RUN echo child\n", false},
      {"DL3044", "FROM busybox:1.36\nENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"\n", true},
      {"DL3044", "FROM busybox:1.36\nENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"\n", false},
      {"DL3045", "FROM scratch\nCOPY bla.sh bla.sh\n", true},
      {"DL3045", "FROM scratch\nWORKDIR /usr/src/app\nCOPY bla.sh bla.sh\n", false},
      {"DL3046", "FROM debian:12\nRUN useradd -u 123456 foobar\n", true},
      {"DL3046", "FROM debian:12\nRUN useradd -l -u 123456 foobar\n", false},
      {"DL3047", "FROM debian:12\nRUN wget https://example.com/big.tar.gz\n", true},
      {"DL3047", "FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n", false},
      {"DL3048", "FROM busybox:1.36\nLABEL com.docker.foo=bar\n", true},
      {"DL3048", "FROM busybox:1.36\nLABEL org.example.foo=bar\n", false},
      {"DL3059", "FROM busybox:1.36\nRUN echo a\nRUN echo b\n", true},
      {"DL3059", "FROM busybox:1.36\nRUN echo a && echo b\n", false},
      {"DL3060", "FROM node:20-slim\nRUN yarn install\n", true},
      {"DL3060", "FROM node:20-slim\nRUN yarn install && yarn cache clean\n", false},
      {"DL3061", "LABEL foo=bar\nFROM debian:12\n", true},
      {"DL3061", "ARG V=12\nFROM debian:${V}\n", false},
      {"DL3062", "FROM golang:1.23\nRUN go install example.com/tool\n", true},
      {"DL3062", "FROM golang:1.23\nRUN go install example.com/tool@v1.2.3\n", false},
      {"DL3063", "FROM debian:12 AS scratch\n", true},
      {"DL3063", "FROM debian:12 AS base\n", false},
      {"DL3064", "FROM scratch\nARG AWS_SECRET_ACCESS_KEY\n", true},
      {"DL3064", "FROM scratch\nARG VERSION\n", false},
      {"DL3065", "FROM --platform=$TARGETPLATFORM alpine:3.20\n", true},
      {"DL3065", "FROM --platform=${TARGETPLATFORM} alpine:3.20\n", true},
      {"DL3065", "FROM alpine:3.20\n", false},
      {"DL3065", "FROM --platform=$BUILDPLATFORM alpine:3.20\n", false},
      {"DL3066", "FROM debian:12\nRUN useradd -l app\nUSER app\n", true},
      {"DL3066", "FROM debian:12\nRUN useradd -l -u 10001 app\nUSER 10001\n", false},
      {"DL3066", "FROM debian:12\nUSER 10001:10001\n", false},
      {"DL3066", "FROM debian:12\nARG UID=10001\nUSER ${UID}\n", false},
      {"DL3067", "FROM debian:12 AS build\nRUN echo x\nFROM debian:12\nCOPY --from=build / /\n", true},
      {"DL3067", "FROM debian:12 AS build\nRUN echo x\nFROM debian:12\nCOPY --from=build \"/\" \"/\"\n", true},
      {"DL3067", "FROM debian:12 AS build\nRUN echo x\nFROM debian:12\nCOPY --from=build /app /\n", false},
      {"DL3067", "FROM debian:12 AS build\nRUN echo x\nFROM debian:12\nCOPY --from=build / /app\n", false},
      {"DL3067", "FROM debian:12\nCOPY / /\n", false},
      {"DL4000", "FROM busybox:1.36\nMAINTAINER Lukas Martinelli <me@lukasmartinelli.ch>\n", true},
      {"DL4000", "FROM busybox:1.36\nLABEL maintainer=\"Lukas Martinelli <me@lukasmartinelli.ch>\"\n", false},
      {"DL4001", "FROM debian:12\nRUN wget -q https://example.com/a && curl -fsSL https://example.com/b\n", true},
      {"DL4001", "FROM debian:12\nRUN curl -fsSL https://example.com/a && curl -fsSL https://example.com/b\n", false},
      {"DL4003", "FROM busybox:1.36\nCMD [\"a\"]\nCMD [\"b\"]\n", true},
      {"DL4003", "FROM busybox:1.36\nCMD [\"a\"]\n", false},
      {"DL4004", "FROM busybox:1.36\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", true},
      {"DL4004", "FROM busybox:1.36\nENTRYPOINT [\"a\"]\n", false},
      {"DL4005", "FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n", true},
      {"DL4005", "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n", false},
      {"DL4006", "FROM debian:12\nRUN wget -O - https://some.site | wc -l > /number\n", true},
      {"DL4006", "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l > /number\n",
       false},
  };
  return c;
}

// Cases that need the label schema (DL3049-DL3058 judge labels against it).
const std::vector<Case>& label_cases() {
  static const std::vector<Case> c = {
      {"DL3049", "FROM busybox:1.36\nLABEL homepage=\"https://example.com\"\n", true},
      {"DL3051", "FROM busybox:1.36\nLABEL maintainer=\"\"\n", true},
      {"DL3052", "FROM busybox:1.36\nLABEL homepage=\"not a url\"\n", true},
      {"DL3053", "FROM busybox:1.36\nLABEL created=\"yesterday\"\n", true},
      {"DL3054", "FROM busybox:1.36\nLABEL license=\"my-own-license\"\n", true},
      {"DL3055", "FROM busybox:1.36\nLABEL revision=\"not-a-hash\"\n", true},
      {"DL3056", "FROM busybox:1.36\nLABEL version=\"v1.x\"\n", true},
      {"DL3058", "FROM busybox:1.36\nLABEL author=\"ops at example\"\n", true},
  };
  return c;
}

std::string rule_of(const char* dl) { return Registry::instance().resolve(dl); }

TEST(HadolintParity, EveryDocumentedExample) {
  int checked = 0;
  for (const auto& c : cases()) {
    std::string id = rule_of(c.dl);
    ASSERT_FALSE(id.empty()) << c.dl << " is carried by no rule";
    Config cfg;
    cfg.severity["DD1141"] = Severity::info;  // DL1001 is off by default in both tools: turn it on
    auto found = only(lint(c.dockerfile, cfg), id);
    EXPECT_EQ(!found.empty(), c.fires) << c.dl << " (" << id << ") on:\n" << c.dockerfile
                                       << (found.empty() ? std::string() : "\n" + found[0].message);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST(HadolintParity, LabelSchemaExamples) {
  Config cfg = schema_config();
  // The labels that match the schema pass every label rule.
  auto good = lint("FROM busybox:1.36\n" + kLabels, cfg);
  for (const char* dl : {"DL3049", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"})
    EXPECT_EQ(count(good, rule_of(dl)), 0) << dl;
  for (const auto& c : label_cases()) {
    std::string id = rule_of(c.dl);
    ASSERT_FALSE(id.empty()) << c.dl;
    EXPECT_EQ(count(lint(c.dockerfile, cfg), id) > 0, c.fires) << c.dl << " (" << id << ") on:\n" << c.dockerfile;
  }
  // DL3050: a label the schema does not name, with strict labels.
  cfg.strict_labels = true;
  EXPECT_GT(count(lint("FROM busybox:1.36\n" + kLabels + "LABEL other=\"x\"\n", cfg), rule_of("DL3050")), 0);
  EXPECT_EQ(count(lint("FROM busybox:1.36\n" + kLabels, cfg), rule_of("DL3050")), 0);
}

TEST(HadolintParity, TrustedRegistries) {
  Config cfg;
  cfg.trusted_registries = {"docker.io"};
  std::string id = rule_of("DL3026");
  EXPECT_EQ(count(lint("FROM gcr.io/distroless/static:nonroot\n", cfg), id), 1);
  EXPECT_EQ(count(lint("FROM debian:12\n", cfg), id), 0);
  // A bare * allows every registry.
  cfg.trusted_registries = {"*"};
  EXPECT_EQ(count(lint("FROM gcr.io/distroless/static:nonroot\nFROM quay.io/x/y:1\n", cfg), id), 0);
  // *.example.com still allows only its subdomains.
  cfg.trusted_registries = {"*.example.com"};
  EXPECT_EQ(count(lint("FROM reg.example.com/app:1\n", cfg), id), 0);
  EXPECT_EQ(count(lint("FROM gcr.io/distroless/static:nonroot\n", cfg), id), 1);
}

// Every hadolint rule that hadolint still ships has a drydock rule carrying its id.
TEST(HadolintParity, EveryCurrentDlIdIsCarried) {
  std::vector<std::string> ids = {"DL1001"};
  for (int n = 3000; n <= 3067; ++n) {
    // Retired by hadolint: DL3005, DL3017, DL3031, DL3039.
    if (n == 3005 || n == 3017 || n == 3031 || n == 3039) continue;
    ids.push_back("DL" + std::to_string(n));
  }
  for (const char* d : {"DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006"}) ids.emplace_back(d);
  std::set<std::string> with_examples;
  for (const auto& c : cases()) with_examples.insert(c.dl);
  for (const auto& c : label_cases()) with_examples.insert(c.dl);
  with_examples.insert("DL3026");
  with_examples.insert("DL3050");
  for (const auto& id : ids) {
    EXPECT_FALSE(rule_of(id.c_str()).empty()) << id << " is carried by no drydock rule";
    // DL3057 (HEALTHCHECK missing) is pinned in its own test below.
    if (id != "DL3057") EXPECT_TRUE(with_examples.count(id)) << id << " has no documented example pinned";
  }
}

}  // namespace
}  // namespace dd::test
