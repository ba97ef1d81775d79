#include "rule_test.h"

namespace dd::test {

TEST(DeletedLater, CopiedArchiveRemovedLater) {
  auto f = only(lint("FROM debian:bookworm-slim\nWORKDIR /opt\nCOPY big.tar.gz .\nRUN tar xzf big.tar.gz\n"
                     "RUN rm big.tar.gz\n"),
                "DD2026");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].location.line, 5);
  EXPECT_EQ(f[0].location.column, 8);
  EXPECT_EQ(f[0].message,
            "big.tar.gz is added on line 3 (COPY big.tar.gz) and deleted on line 5: its bytes stay in the layer of "
            "line 3");
}

TEST(DeletedLater, DownloadedThenRemovedInAnotherRun) {
  auto f = only(lint("FROM debian:bookworm-slim\nRUN wget https://example.org/pkg.deb\nRUN dpkg -i pkg.deb\n"
                     "RUN rm -f /pkg.deb\n"),
                "DD2026");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("line 2"), std::string::npos);
}

TEST(DeletedLater, SameRunIsFine) {
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN wget https://example.org/a.tgz && tar xzf a.tgz && rm a.tgz\n"),
                  "DD2026"),
            0);
}

// Every way a RUN or ADD brings a file into a layer: a later layer's rm does
// not take its bytes out of the image.
TEST(DeletedLater, EveryDownloadAndUnpackThenRemovedLater) {
  struct Case {
    const char* df;
    const char* name;  // what the finding names
    int added;
  } cases[] = {
      {"FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/go.tgz https://go.dev/dl/go1.22.5.linux-amd64.tar.gz\n"
       "RUN tar -C /usr/local -xzf /tmp/go.tgz\nRUN rm /tmp/go.tgz\n",
       "go.tgz", 2},
      {"FROM debian:bookworm-slim\nWORKDIR /src\nRUN curl -fsSLO https://example.org/dist/app-1.2.tar.gz\n"
       "RUN rm app-1.2.tar.gz\n",
       "app-1.2.tar.gz", 3},
      {"FROM debian:bookworm-slim\nRUN wget -O /opt/jdk.tar.gz https://example.org/jdk.tar.gz\nRUN rm -f /opt/jdk.tar.gz\n",
       "jdk.tar.gz", 2},
      {"FROM debian:bookworm-slim\nRUN mkdir /build && tar -xzf /dev/stdin -C /build < /dev/null\nRUN rm -rf /build\n",
       "build", 2},
      {"FROM debian:bookworm-slim\nRUN unzip /tmp/x.zip -d /opt/sdk\nRUN rm -rf /opt/sdk\n", "sdk", 2},
      {"FROM debian:bookworm-slim\nADD https://example.org/tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz -C /usr/local\n"
       "RUN rm /tmp/tool.tar.gz\n",
       "tool.tar.gz", 2},
  };
  for (const auto& c : cases) {
    auto f = only(lint(c.df), "DD2026");
    ASSERT_EQ(f.size(), 1u) << c.df;
    EXPECT_EQ(f[0].category, Category::image_bloat);
    EXPECT_EQ(f[0].message.rfind(std::string(c.name) + " is added on line " + std::to_string(c.added), 0), 0u)
        << f[0].message;
  }
}

TEST(DeletedLater, MountsStdoutAndOtherStagesAreFine) {
  // written into a cache mount: never in a layer
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/dl curl -fsSLo /dl/a.tgz https://e.org/a.tgz\n"
                       "RUN rm -f /dl/a.tgz\n"),
                  "DD2026"),
            0);
  // to stdout
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim\nRUN curl -fsSL https://e.org/a.tgz -o - | tar -xz -C /opt\nRUN rm -f /opt/a.tgz\n"),
                  "DD2026"),
            0);
  // in a build stage that does not ship
  EXPECT_EQ(count(lint("FROM debian:bookworm-slim AS build\nRUN curl -fsSLo /a.tgz https://e.org/a.tgz\nRUN rm /a.tgz\n"
                       "FROM debian:bookworm-slim\nCOPY --from=build /etc/hostname /x\n"),
                  "DD2026"),
            0);
}

}  // namespace dd::test
