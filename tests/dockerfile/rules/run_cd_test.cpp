#include "rule_test.h"

namespace dd::test {

TEST(RunCd, FlagsTopLevelCd) {
  auto f = only(lint("FROM debian:12\nCOPY . /src\nRUN cd /src && make\n"), "DD1102");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 3);
  EXPECT_EQ(f[0].location.column, 5);
  EXPECT_GT(f[0].location.end_column, f[0].location.column);
  EXPECT_FALSE(f[0].fix.empty());
  EXPECT_FALSE(f[0].root_cause.empty());
  EXPECT_NE(f[0].message.find("cd /src"), std::string::npos) << f[0].message;
}

TEST(RunCd, SubshellCdIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN (cd /src && make) && make install\n"), "DD1102"), 0); }

TEST(RunCd, TrailingCdIsClean) { EXPECT_EQ(count(lint("FROM debian:12\nRUN make && cd /\n"), "DD1102"), 0); }

// docker-library/php: cd into a scratch folder, build, then cd / and delete it.
TEST(RunCd, ExcursionBackToRootIsClean) {
  EXPECT_EQ(count(lint("FROM debian:12\nRUN set -eux; cd /usr/src/php; ./configure; make; cd /; docker-php-source delete\n"),
                  "DD1102"),
            0);
  EXPECT_EQ(count(lint("FROM debian:12\nRUN cd / && ls\n"), "DD1102"), 0);
}

TEST(RunCd, DeletedOrScratchFolderIsClean) {
  EXPECT_EQ(count(lint("FROM debian:12\nRUN mkdir /build && cd /build && make && rm -rf /build\n"), "DD1102"), 0);
  EXPECT_EQ(count(lint("FROM debian:12\nRUN cd /tmp && curl -O https://example.com/x.tgz && tar xzf x.tgz\n"),
                  "DD1102"),
            0);
  EXPECT_EQ(count(lint("FROM debian:12\nRUN tmp=$(mktemp -d) && cd \"$tmp\" && make\n"), "DD1102"), 0);
}

// php-fpm images: WORKDIR /var/www/html is set, then a RUN edits the config
// folder; WORKDIR there would change the image's working directory.
TEST(RunCd, ExcursionFromAnExistingWorkdirIsClean) {
  EXPECT_EQ(count(lint("FROM debian:12\nWORKDIR /var/www/html\nRUN cd /usr/local/etc && cp a.default a\n"), "DD1102"), 0);
  EXPECT_EQ(count(lint("FROM debian:12 AS base\nWORKDIR /app\nFROM base\nRUN cd /etc && cp a b\n"), "DD1102"), 0);
}

TEST(RunCd, StillFlagsTheWorkdirItStandsFor) {
  auto f = only(lint("FROM node:20\nCOPY . /app\nRUN cd /app && npm ci\nCMD [\"node\", \"server.js\"]\n"), "DD1102");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].fix, "WORKDIR /app");
  // Two RUNs that both cd into the same folder.
  EXPECT_EQ(count(lint("FROM debian:12\nRUN cd /opt/app && ./configure\nRUN cd /opt/app && make\n"), "DD1102"), 2);
}

// docker-library/php: the download RUN cds into /usr/src, which nothing else
// works in (the build RUN cds into /usr/src/php itself).
TEST(RunCd, FolderNothingElseWorksInIsClean) {
  EXPECT_EQ(count(lint("FROM debian:12\nRUN mkdir -p /usr/src; cd /usr/src; curl -fsSLo php.tar.xz https://example.com/php.tar.xz\n"
                       "RUN docker-php-source extract; cd /usr/src/php; ./configure; make\n"),
                  "DD1102"),
            0);
}

}  // namespace dd::test
