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

}  // namespace dd::test
