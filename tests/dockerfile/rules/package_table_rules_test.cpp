// The package-manager rules read the knowledge layer's table: subcommand
// aliases, module installs, every tool and VCS form, option values, cache
// folders of mounts, clean after install (issue 17 items 4-6), and one
// finding per cache per line (issue 13). Cases from the peers' documented
// behaviour (hadolint's rule pages) and our own.
#include "rule_test.h"

namespace dd::test {
namespace {

int n(const std::string& df, const std::string& rule) { return count(lint(df), rule); }

const std::string kDeb = "FROM debian:12-slim\n";
const std::string kAlpine = "FROM alpine:3.20\n";
const std::string kFedora = "FROM fedora:40\n";
const std::string kCentos = "FROM centos:7\n";
const std::string kSuse = "FROM opensuse/leap:15.6\n";
const std::string kPython = "FROM python:3.12-slim\n";
const std::string kNode = "FROM node:22-slim\n";
const std::string kGo = "FROM golang:1.23\n";
const std::string kRuby = "FROM ruby:3.3-slim\n";

// ---- DD1104 (DL3008) -----------------------------------------------------------

TEST(PackageTable, AptPins) {
  EXPECT_EQ(n(kDeb + "RUN apt-get install -y python\n", "DD1104"), 1);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -y python=2.7\n", "DD1104"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get -o Dpkg::Options::=--force-confold install -y curl=7.88.1-10\n", "DD1104"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -y -t bookworm-backports curl=8.1\n", "DD1104"), 0);
  EXPECT_EQ(n(kDeb + "RUN aptitude install -y curl\n", "DD1104"), 1);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -y ./local.deb\n", "DD1104"), 0);
}

// A ${version} from another stage that this one does not build on is empty here.
TEST(PackageTable, VersionFromAnotherStageIsNoPin) {
  const std::string other = "FROM debian:12-slim AS a\nARG version=7.88.1-10\nRUN true\n"
                            "FROM debian:12-slim\nRUN apt-get install -y curl=${version}\n";
  auto f = only(lint(other), "DD1104");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 5);
  EXPECT_NE(f[0].message.find("curl"), std::string::npos) << f[0].message;
  // Declared in the stage, or in the stage it builds on: a pin.
  EXPECT_EQ(n("FROM debian:12-slim\nARG version=7.88.1-10\nRUN apt-get install -y curl=${version}\n", "DD1104"), 0);
  EXPECT_EQ(n("FROM debian:12-slim AS a\nENV version=7.88.1-10\nFROM a\nRUN apt-get install -y curl=${version}\n",
              "DD1104"),
            0);
  // Declared nowhere (a build argument of another tool): not judged.
  EXPECT_EQ(n(kDeb + "RUN apt-get install -y curl=${version}\n", "DD1104"), 0);
  EXPECT_EQ(n("FROM debian:12-slim AS a\nARG PKGS=curl\nFROM debian:12-slim\nRUN apt-get install -y ${PKGS}\n",
              "DD1104"),
            0);
}

// ---- DD1105 (DL3014) -----------------------------------------------------------

TEST(PackageTable, AptYes) {
  EXPECT_EQ(n(kDeb + "RUN apt-get install python=2.7\n", "DD1105"), 1);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -y python=2.7\n", "DD1105"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -qq python=2.7\n", "DD1105"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get -q -q install python=2.7\n", "DD1105"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -q=2 python=2.7\n", "DD1105"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get install -q python=2.7\n", "DD1105"), 1);
  EXPECT_EQ(n(kDeb + "RUN aptitude install curl=1\n", "DD1105"), 1);
  EXPECT_EQ(n(kDeb + "RUN apt-get update\n", "DD1105"), 0);
}

// ---- DD1107 (DL3013) -----------------------------------------------------------

TEST(PackageTable, PipPins) {
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir django\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir django==1.2\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir -r requirements.txt\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir .\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir --upgrade pip setuptools wheel\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip2 install --no-cache-dir django\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN python3 -m pip install --no-cache-dir django\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN uv pip install --system django\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN uv pip install --system django==5.0\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pipx install poetry\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN pipx install poetry==1.8.3\n", "DD1107"), 0);
}

TEST(PackageTable, PipOptionValues) {
  // The value of --root-user-action is no package.
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir --root-user-action ignore flask==3.0.3\n", "DD1107"), 0);
  auto f = only(lint(kPython + "RUN pip install --no-cache-dir --root-user-action ignore flask\n"), "DD1107");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("flask"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].message.find("ignore"), std::string::npos) << f[0].message;
  // A constraints file pins what the command installs.
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir -c https://example.com/constraints.txt flask\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir --constraint constraints.txt flask\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir -i https://pypi.example/simple flask==3\n", "DD1107"), 0);
}

TEST(PackageTable, PipVcs) {
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir git+https://github.com/org/repo.git\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir git+https://github.com/org/repo.git@v1.2.0\n", "DD1107"), 0);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir git+ssh://git@github.com/org/repo.git\n", "DD1107"), 1);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir ./dist/app-1.0-py3-none-any.whl\n", "DD1107"), 0);
}

// ---- DD1108 (DL3016) -----------------------------------------------------------

TEST(PackageTable, NpmPins) {
  EXPECT_EQ(n(kNode + "RUN npm install express\n", "DD1108"), 1);
  EXPECT_EQ(n(kNode + "RUN npm i express\n", "DD1108"), 1);
  EXPECT_EQ(n(kNode + "RUN npm install express@4.1.1\n", "DD1108"), 0);
  EXPECT_EQ(n(kNode + "RUN npm install @myorg/privatepackage@\">=0.1.0\"\n", "DD1108"), 0);
  EXPECT_EQ(n(kNode + "RUN npm install\n", "DD1108"), 0);
  EXPECT_EQ(n(kNode + "RUN npm install ./vendor/x-1.0.0.tgz\n", "DD1108"), 0);
  EXPECT_EQ(n(kNode + "RUN npm install x-1.0.0.tgz\n", "DD1108"), 0);
  EXPECT_EQ(n(kNode + "RUN npm install git+https://github.com/npm/cli.git\n", "DD1108"), 1);
  EXPECT_EQ(n(kNode + "RUN npm install git+https://github.com/npm/cli.git#v1.0.27\n", "DD1108"), 0);
  EXPECT_EQ(n(kNode + "RUN npm install --prefix /opt/app express@4.19.2\n", "DD1108"), 0);
}

// ---- DD1109 (DL3018) -----------------------------------------------------------

TEST(PackageTable, ApkPins) {
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache curl\n", "DD1109"), 1);
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache curl=8.5.0-r0\n", "DD1109"), 0);
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n", "DD1109"), 0);
}

// ---- DD1110 (DL3028) -----------------------------------------------------------

TEST(PackageTable, GemPins) {
  EXPECT_EQ(n(kRuby + "RUN gem install bundler\n", "DD1110"), 1);
  EXPECT_EQ(n(kRuby + "RUN gem install bundler:2.5.11\n", "DD1110"), 0);
  EXPECT_EQ(n(kRuby + "RUN gem install bundler -v 2.5.11\n", "DD1110"), 0);
  // Words after -- are build options, not gems.
  EXPECT_EQ(n(kRuby + "RUN gem install nokogiri:1.16.5 -- --use-system-libraries\n", "DD1110"), 0);
  EXPECT_EQ(n(kRuby + "RUN gem install mysql2:0.5.6 -- --with-mysql-config /usr/bin/mysql_config\n", "DD1110"), 0);
}

// ---- DD1111, DD1113 (DL3030, DL3033) -------------------------------------------

TEST(PackageTable, Yum) {
  EXPECT_EQ(n(kCentos + "RUN yum install httpd-2.4.6 && yum clean all\n", "DD1111"), 1);
  EXPECT_EQ(n(kCentos + "RUN yum install -y httpd-2.4.6 && yum clean all\n", "DD1111"), 0);
  EXPECT_EQ(n(kCentos + "RUN yum module install nodejs:18 && yum clean all\n", "DD1111"), 1);
  EXPECT_EQ(n(kCentos + "RUN yum install -y httpd && yum clean all\n", "DD1113"), 1);
  EXPECT_EQ(n(kCentos + "RUN yum install -y httpd-2.24.2 && yum clean all\n", "DD1113"), 0);
  EXPECT_EQ(n(kCentos + "RUN yum module install -y nodejs && yum clean all\n", "DD1113"), 1);
  EXPECT_EQ(n(kCentos + "RUN yum module install -y nodejs:18 && yum clean all\n", "DD1113"), 0);
}

// ---- DD1112 (DL3032) and the duplicate of DD2022 -------------------------------

TEST(PackageTable, YumCleanOnceAndAfterTheInstall) {
  auto all = lint(kCentos + "RUN yum install -y httpd-2.4.6\n");
  EXPECT_EQ(count(all, "DD1112"), 1);
  EXPECT_EQ(count(all, "DD2022"), 0);  // one finding per cache per line
  EXPECT_EQ(n(kCentos + "RUN yum install -y httpd-2.4.6 && yum clean all\n", "DD1112"), 0);
  EXPECT_EQ(n(kCentos + "RUN yum clean all && yum install -y httpd-2.4.6\n", "DD1112"), 1);
  EXPECT_EQ(n(kCentos + "RUN rm -rf /var/cache/yum && yum install -y httpd-2.4.6\n", "DD1112"), 1);
  EXPECT_EQ(n(kCentos + "RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2\n", "DD1112"), 0);
  EXPECT_EQ(n(kCentos + "RUN --mount=type=tmpfs,target=/var/cache/yum yum install -y httpd-2\n", "DD1112"), 0);
  EXPECT_EQ(n(kCentos + "RUN --mount=type=cache,target=/tmp/cache yum install -y httpd-2\n", "DD1112"), 1);
}

// ---- DD1114 to DD1117 (DL3034 to DL3037) ---------------------------------------

TEST(PackageTable, Zypper) {
  EXPECT_EQ(n(kSuse + "RUN zypper install httpd=2.4 && zypper clean\n", "DD1114"), 1);
  EXPECT_EQ(n(kSuse + "RUN zypper in httpd=2.4 && zypper clean\n", "DD1114"), 1);
  EXPECT_EQ(n(kSuse + "RUN zypper -n in httpd=2.4 && zypper clean\n", "DD1114"), 0);
  EXPECT_EQ(n(kSuse + "RUN zypper install -y httpd=2.4 && zypper clean\n", "DD1114"), 0);
  EXPECT_EQ(n(kSuse + "RUN zypper -n dup\n", "DD1115"), 1);
  EXPECT_EQ(n(kSuse + "RUN zypper --non-interactive dist-upgrade\n", "DD1115"), 1);
  EXPECT_EQ(n(kSuse + "RUN zypper -n patch\n", "DD1115"), 0);
  EXPECT_EQ(n(kSuse + "RUN zypper install -y httpd=2.4\n", "DD1116"), 1);
  EXPECT_EQ(n(kSuse + "RUN zypper install -y httpd=2.4 && zypper clean\n", "DD1116"), 0);
  EXPECT_EQ(n(kSuse + "RUN zypper cc && zypper install -y httpd=2.4\n", "DD1116"), 1);
  EXPECT_EQ(n(kSuse + "RUN --mount=type=cache,target=/var/cache/zypp zypper -n in httpd=2.4\n", "DD1116"), 0);
  EXPECT_EQ(n(kSuse + "RUN zypper install -y httpd && zypper clean\n", "DD1117"), 1);
  EXPECT_EQ(n(kSuse + "RUN zypper install -y httpd=2.4.24 && zypper clean\n", "DD1117"), 0);
  EXPECT_EQ(n(kSuse + "RUN zypper install -y \"httpd>=2.4.24\" && zypper clean\n", "DD1117"), 0);
}

// ---- DD1118 to DD1120 (DL3038, DL3040, DL3041) ---------------------------------

TEST(PackageTable, DnfYesEveryAlias) {
  for (const char* sub : {"install", "in", "reinstall", "rei", "upgrade", "up", "up-min", "remove"}) {
    EXPECT_EQ(n(kFedora + "RUN dnf " + sub + " httpd-2.4 && dnf clean all\n", "DD1118"), 1) << sub;
    EXPECT_EQ(n(kFedora + "RUN dnf " + sub + " -y httpd-2.4 && dnf clean all\n", "DD1118"), 0) << sub;
  }
  EXPECT_EQ(n(kFedora + "RUN dnf module install nodejs:18 && dnf clean all\n", "DD1118"), 1);
  EXPECT_EQ(n(kFedora + "RUN dnf makecache\n", "DD1118"), 0);
  // microdnf asks for a confirmation since 3.7 (UBI 9).
  EXPECT_EQ(n("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install httpd-2.4 && microdnf clean all\n",
              "DD1118"),
            1);
  EXPECT_EQ(
      n("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y httpd-2.4 && microdnf clean all\n",
        "DD1118"),
      0);
  // microdnf on UBI 8 never asks (before 3.7).
  EXPECT_EQ(n("FROM registry.access.redhat.com/ubi8/ubi-minimal:8.10\nRUN microdnf install httpd-2.4 && microdnf clean all\n",
              "DD1118"),
            0);
}

TEST(PackageTable, DnfClean) {
  EXPECT_EQ(n(kFedora + "RUN dnf in -y httpd-2.4\n", "DD1119"), 1);
  EXPECT_EQ(n(kFedora + "RUN dnf in -y httpd-2.4 && dnf clean all\n", "DD1119"), 0);
  EXPECT_EQ(n(kFedora + "RUN dnf clean all && dnf in -y httpd-2.4\n", "DD1119"), 1);
  EXPECT_EQ(n(kFedora + "RUN microdnf install -y httpd-2.4\n", "DD1119"), 1);
  EXPECT_EQ(n(kFedora + "RUN microdnf install -y httpd-2.4 && microdnf clean all\n", "DD1119"), 0);
  // dnf5 caches in /var/cache/libdnf5: a mount elsewhere leaves it in the layer.
  EXPECT_EQ(n(kFedora + "RUN --mount=type=cache,target=/var/cache/libdnf5 dnf5 install -y httpd-2.4\n", "DD1119"), 0);
  EXPECT_EQ(n(kFedora + "RUN --mount=type=cache,target=/var/cache/dnf dnf5 install -y httpd-2.4\n", "DD1119"), 1);
  EXPECT_EQ(n(kFedora + "RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4\n", "DD1119"), 0);
  EXPECT_EQ(n(kFedora + "RUN --mount=type=tmpfs,target=/var/cache/dnf dnf install -y httpd-2.4\n", "DD1119"), 0);
  EXPECT_EQ(n(kFedora + "RUN --mount=type=cache,target=/root/.cache dnf install -y httpd-2.4\n", "DD1119"), 1);
}

TEST(PackageTable, DnfPins) {
  EXPECT_EQ(n(kFedora + "RUN dnf install -y httpd && dnf clean all\n", "DD1120"), 1);
  EXPECT_EQ(n(kFedora + "RUN dnf in -y httpd && dnf clean all\n", "DD1120"), 1);
  EXPECT_EQ(n(kFedora + "RUN dnf install -y httpd-2.4.24 && dnf clean all\n", "DD1120"), 0);
  EXPECT_EQ(n(kFedora + "RUN dnf module install -y nodejs && dnf clean all\n", "DD1120"), 1);
  EXPECT_EQ(n(kFedora + "RUN dnf module install -y nodejs:18 && dnf clean all\n", "DD1120"), 0);
  EXPECT_EQ(n(kFedora + "RUN dnf group install -y 'Development Tools' && dnf clean all\n", "DD1120"), 0);
  EXPECT_EQ(n(kFedora + "RUN microdnf install -y httpd && microdnf clean all\n", "DD1120"), 1);
}

// ---- DD1124 (DL3060) -----------------------------------------------------------

TEST(PackageTable, YarnClean) {
  EXPECT_EQ(n(kNode + "RUN yarn install --frozen-lockfile\n", "DD1124"), 1);
  EXPECT_EQ(n(kNode + "RUN yarn install --frozen-lockfile && yarn cache clean\n", "DD1124"), 0);
  EXPECT_EQ(n(kNode + "RUN yarn cache clean && yarn install --frozen-lockfile\n", "DD1124"), 1);
  EXPECT_EQ(n(kNode + "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n",
              "DD1124"),
            0);
  EXPECT_EQ(n(kNode + "RUN --mount=type=cache,target=/tmp/yarn yarn install --frozen-lockfile\n", "DD1124"), 1);
}

// ---- DD1125 (DL3062) -----------------------------------------------------------

TEST(PackageTable, GoForms) {
  EXPECT_EQ(n(kGo + "RUN go install golang.org/x/tools/cmd/goimports@latest\n", "DD1125"), 1);
  EXPECT_EQ(n(kGo + "RUN go install golang.org/x/tools/cmd/goimports@v0.21.0\n", "DD1125"), 0);
  EXPECT_EQ(n(kGo + "RUN go get github.com/spf13/cobra\n", "DD1125"), 1);
  EXPECT_EQ(n(kGo + "RUN go get github.com/spf13/cobra@v1.8.0\n", "DD1125"), 0);
  EXPECT_EQ(n(kGo + "RUN go run github.com/a-h/templ/cmd/templ@latest generate\n", "DD1125"), 1);
  EXPECT_EQ(n(kGo + "RUN go run github.com/a-h/templ/cmd/templ@v0.2.747 generate\n", "DD1125"), 0);
  EXPECT_EQ(n(kGo + "RUN go run ./cmd/gen github.com/x/y\n", "DD1125"), 0);
  EXPECT_EQ(n(kGo + "RUN go run main.go\n", "DD1125"), 0);
  EXPECT_EQ(n(kGo + "RUN go build -o /out/app ./...\n", "DD1125"), 0);
}

// ---- DD2022 (DL3009, DL3019): mounts by type and path, clean after install ----

TEST(PackageTable, AptListsMountsAndOrder) {
  const std::string ok = "apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10";
  EXPECT_EQ(n(kDeb + "RUN " + ok + " && rm -rf /var/lib/apt/lists/*\n", "DD2022"), 0);
  EXPECT_EQ(n(kDeb + "RUN " + ok + "\n", "DD2022"), 1);
  EXPECT_EQ(n(kDeb + "RUN rm -rf /var/lib/apt/lists/* && " + ok + "\n", "DD2022"), 1);
  EXPECT_EQ(n(kDeb + "RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked " + ok + "\n", "DD2022"), 0);
  EXPECT_EQ(n(kDeb + "RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt " + ok + "\n",
              "DD2022"),
            0);
  EXPECT_EQ(n(kDeb + "RUN --mount=type=tmpfs,target=/var/lib/apt/lists " + ok + "\n", "DD2022"), 0);
  EXPECT_EQ(n(kDeb + "RUN --mount=type=cache,target=/var/cache/apt " + ok + "\n", "DD2022"), 1);
  EXPECT_EQ(n(kDeb + "RUN --mount=type=cache,target=/root/.cache " + ok + "\n", "DD2022"), 1);
}

TEST(PackageTable, ApkCacheMounts) {
  EXPECT_EQ(n(kAlpine + "RUN apk add curl=8.5.0-r0\n", "DD2022"), 1);
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache curl=8.5.0-r0\n", "DD2022"), 0);
  EXPECT_EQ(n(kAlpine + "RUN apk add curl=8.5.0-r0 && rm -rf /var/cache/apk/*\n", "DD2022"), 0);
  EXPECT_EQ(n(kAlpine + "RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0\n", "DD2022"), 0);
  EXPECT_EQ(n(kAlpine + "RUN --mount=type=cache,target=/root/.cache apk add curl=8.5.0-r0\n", "DD2022"), 1);
}

// ---- DD2024 (DL3042) -----------------------------------------------------------

TEST(PackageTable, PipCacheMounts) {
  EXPECT_EQ(n(kPython + "RUN pip install flask==3.0.3\n", "DD2024"), 1);
  EXPECT_EQ(n(kPython + "RUN pip install --no-cache-dir flask==3.0.3\n", "DD2024"), 0);
  EXPECT_EQ(n(kPython + "RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\n", "DD2024"), 0);
  EXPECT_EQ(n(kPython + "RUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask==3.0.3\n", "DD2024"), 0);
  EXPECT_EQ(n(kPython + "RUN --mount=type=cache,target=/tmp/pip pip install flask==3.0.3\n", "DD2024"), 1);
  EXPECT_EQ(n(kPython + "RUN --mount=type=bind,target=/root/.cache/pip pip install flask==3.0.3\n", "DD2024"), 1);
  EXPECT_EQ(n(kPython + "RUN pip install flask==3.0.3 && pip cache purge\n", "DD2024"), 0);
  EXPECT_EQ(n(kPython + "RUN pip cache purge && pip install flask==3.0.3\n", "DD2024"), 1);
  EXPECT_EQ(n(kPython + "RUN python3 -m pip install flask==3.0.3\n", "DD2024"), 1);
}

// ---- DD2051: users that an install above created --------------------------------

TEST(PackageTable, UsersCreatedByPackages) {
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache tor=0.4.8.12-r0\nUSER tor\nCMD [\"tor\"]\n", "DD2051"), 0);
  EXPECT_EQ(n(kDeb + "RUN apt-get update && apt-get install -y --no-install-recommends mpd && rm -rf "
                     "/var/lib/apt/lists/*\nUSER mpd\nCMD [\"mpd\", \"--no-daemon\"]\n",
              "DD2051"),
            0);
  EXPECT_EQ(n(kDeb + "RUN apt-get update && apt-get install -y postgresql-15\nUSER postgres\n", "DD2051"), 0);
  // A package that creates another user, or no install: still reported.
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache curl\nUSER tor\nCMD [\"tor\"]\n", "DD2051"), 1);
  EXPECT_EQ(n(kAlpine + "RUN apk add --no-cache torsocks\nUSER tor\n", "DD2051"), 1);
}

// ---- DD2002, DD2020 read the same table ---------------------------------------

TEST(PackageTable, UpdateAloneAndBuildToolsReadAliases) {
  EXPECT_EQ(n(kFedora + "RUN dnf makecache\nRUN dnf in -y httpd-2.4 && dnf clean all\n", "DD2002"), 1);
  EXPECT_EQ(n(kDeb + "RUN apt-get update\nRUN apt-get -o Acquire::Retries=3 install -y curl=1\n", "DD2002"), 1);
  EXPECT_EQ(n(kDeb + "RUN apt-get update && apt-get install -y -o Acquire::Retries=3 gcc && rm -rf /var/lib/apt/lists/*\n",
              "DD2020"),
            1);
  EXPECT_EQ(n(kDeb + "RUN apt-get update && apt-get install -y gcc && apt-get purge -y gcc && rm -rf "
                     "/var/lib/apt/lists/*\n",
              "DD2020"),
            0);
}

}  // namespace
}  // namespace dd::test
